package org.returnflow.contracts.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * A consent request reached its due time without a decision.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record ConsentExpired(
        UUID caseId,
        UUID consentId,
        UUID detaineeId,
        Instant expiredAt,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public ConsentExpired {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(expiredAt, "expiredAt");
    }
}
