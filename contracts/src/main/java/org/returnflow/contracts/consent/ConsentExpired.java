package org.returnflow.contracts.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/** A consent request reached its due time without a decision. */
public record ConsentExpired(
        UUID caseId,
        UUID consentId,
        UUID detaineeId,
        Instant expiredAt) implements CaseMessage, DetaineeMessage {

    public ConsentExpired {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(expiredAt, "expiredAt");
    }
}
