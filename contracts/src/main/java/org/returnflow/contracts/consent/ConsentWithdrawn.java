package org.returnflow.contracts.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * The person withdrew consent given earlier; honoured until departure.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record ConsentWithdrawn(
        UUID caseId,
        UUID consentId,
        UUID detaineeId,
        Instant withdrawnAt,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public ConsentWithdrawn {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }
}
