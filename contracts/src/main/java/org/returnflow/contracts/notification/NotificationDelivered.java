package org.returnflow.contracts.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * A notice about the case was delivered to one recipient.
 *
 * @param fallbackLocale true when no template existed in the requested locale and a fallback was used
 * @param flightId the flight the notice is about; absent for a notice that concerns no flight (CASE_WITHDRAWN)
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 * @param translationStatus optional: whether the templates used were a REVIEWED translation or a DRAFT; a
 *                          DRAFT notice carries the English text in the same e-mail
 */
public record NotificationDelivered(
        UUID caseId,
        UUID notificationId,
        RecipientType recipientType,
        TemplateKey templateKey,
        String locale,
        boolean fallbackLocale,
        String smtpMessageId,
        Instant deliveredAt,
        UUID flightId,
        UUID requestId,
        TranslationStatus translationStatus) implements CaseMessage {

    public NotificationDelivered {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(recipientType, "recipientType");
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(smtpMessageId, "smtpMessageId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
}
