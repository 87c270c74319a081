package org.returnflow.contracts.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * A notice about the case could not be delivered to one recipient.
 *
 * @param reason upper-case code, for example {@code NO_CONSULATE_ADDRESS}
 * @param flightId the flight the notice is about; absent for a notice that concerns no flight (CASE_WITHDRAWN)
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record NotificationFailed(
        UUID caseId,
        UUID notificationId,
        RecipientType recipientType,
        TemplateKey templateKey,
        String reason,
        Instant failedAt,
        UUID flightId,
        UUID requestId) implements CaseMessage {

    public NotificationFailed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(recipientType, "recipientType");
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
