package org.returnflow.contracts.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * A notice about the case was delivered to one recipient.
 *
 * @param fallbackLocale true when no template existed in the requested locale and a fallback was used
 */
public record NotificationDelivered(
        UUID caseId,
        UUID notificationId,
        RecipientType recipientType,
        TemplateKey templateKey,
        String locale,
        boolean fallbackLocale,
        String smtpMessageId,
        Instant deliveredAt) implements CaseMessage {

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
