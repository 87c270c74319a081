package org.returnflow.contracts.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * A notice about the case could not be delivered to one recipient.
 *
 * @param reason upper-case code, for example {@code NO_CONSULATE_ADDRESS}
 */
public record NotificationFailed(
        UUID caseId,
        UUID notificationId,
        RecipientType recipientType,
        TemplateKey templateKey,
        String reason,
        Instant failedAt) implements CaseMessage {

    public NotificationFailed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(recipientType, "recipientType");
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
