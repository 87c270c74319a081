package org.returnflow.notification.domain;

/** Where a notice stands: waiting for the sender, accepted by the mail server, or given up. */
public enum NotificationStatus {
    PENDING,
    DELIVERED,
    FAILED
}
