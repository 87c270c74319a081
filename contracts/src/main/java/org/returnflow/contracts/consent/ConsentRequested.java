package org.returnflow.contracts.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * A consent request was opened for the person and awaits a decision until dueBy.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record ConsentRequested(
        UUID caseId,
        UUID consentId,
        UUID detaineeId,
        String preferredLanguage,
        Instant dueBy,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public ConsentRequested {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(preferredLanguage, "preferredLanguage");
        Objects.requireNonNull(dueBy, "dueBy");
    }
}
