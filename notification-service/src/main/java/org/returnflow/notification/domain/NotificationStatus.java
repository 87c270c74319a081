package org.returnflow.notification.domain;

/**
 * Where a notice stands: waiting for the sender; claimed by a sender that is talking to the mail
 * server (committed before the server is contacted); accepted by the mail server; or given up.
 */
public enum NotificationStatus {
    PENDING,
    SENDING,
    DELIVERED,
    FAILED
}
