package org.returnflow.contracts.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * A notice about the case was delivered to one recipient.
 *
 * @param fallbackLocale    true when no template existed in the requested locale and a fallback was used
 * @param templateLanguage  optional: the language of the templates used, for example {@code prs} for Dari
 * @param translationStatus optional: whether those templates were a REVIEWED translation or a DRAFT; a
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
        String templateLanguage,
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

    /** Without the optional translation fields, as before they existed. */
    public NotificationDelivered(UUID caseId, UUID notificationId, RecipientType recipientType,
                                 TemplateKey templateKey, String locale, boolean fallbackLocale, String smtpMessageId,
                                 Instant deliveredAt) {
        this(caseId, notificationId, recipientType, templateKey, locale, fallbackLocale, smtpMessageId, deliveredAt,
                null, null);
    }
}
