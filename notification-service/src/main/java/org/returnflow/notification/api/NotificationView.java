package org.returnflow.notification.api;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.notification.domain.Notification;
import org.returnflow.notification.domain.NotificationStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery as the API shows it. It never carries the recipient's address (OWASP API3).
 *
 * @param locale          the language the notice is written in
 * @param requestedLocale the language asked for
 * @param fallbackLocale  true when there were no templates in the requested language
 * @param attempts        calls that reached the SMTP server
 */
public record NotificationView(UUID id, UUID caseId, RecipientType recipientType, TemplateKey templateKey,
                               UUID flightId, String locale, String requestedLocale, boolean fallbackLocale,
                               NotificationStatus status, Instant createdAt, Instant deliveredAt, Instant failedAt,
                               int attempts, String failureReason, String smtpMessageId) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.caseId(), n.recipientType(), n.templateKey(), n.flightId(), n.locale(),
                n.requestedLocale(), n.fallbackLocale(), n.status(), n.createdAt(), n.deliveredAt(), n.failedAt(),
                n.attempts(), n.failureReason(), n.smtpMessageId());
    }
}
