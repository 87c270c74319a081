package org.returnflow.notification.api;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;
import org.returnflow.notification.domain.Notification;
import org.returnflow.notification.domain.NotificationStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery as the API shows it. It never carries the recipient's address (OWASP API3).
 *
 * @param locale            the language the notice is written in (the same as {@code templateLanguage})
 * @param requestedLocale   the language asked for
 * @param fallbackLocale    true when there were no templates in the requested language
 * @param templateLanguage  the templates used, e.g. {@code prs} for a person who asked for {@code fa-AF}
 * @param translationStatus REVIEWED, or DRAFT when no translator has signed the templates off yet
 * @param englishAttached   whether the English text was sent after the (draft) translation
 * @param attempts          calls that reached the SMTP server
 */
public record NotificationView(UUID id, UUID caseId, RecipientType recipientType, TemplateKey templateKey,
                               UUID flightId, String locale, String requestedLocale, boolean fallbackLocale,
                               String templateLanguage, TranslationStatus translationStatus, boolean englishAttached,
                               NotificationStatus status, Instant createdAt, Instant deliveredAt, Instant failedAt,
                               int attempts, String failureReason, String smtpMessageId) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.caseId(), n.recipientType(), n.templateKey(), n.flightId(), n.locale(),
                n.requestedLocale(), n.fallbackLocale(), n.locale(), n.translationStatus(), n.englishAttached(),
                n.status(), n.createdAt(), n.deliveredAt(), n.failedAt(), n.attempts(), n.failureReason(),
                n.smtpMessageId());
    }
}
