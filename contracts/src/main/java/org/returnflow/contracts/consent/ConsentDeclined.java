package org.returnflow.contracts.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * The person declined to consent to return, as recorded by an officer.
 *
 * @param officer user id of the officer who recorded the decision
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record ConsentDeclined(
        UUID caseId,
        UUID consentId,
        UUID detaineeId,
        String officer,
        Instant decidedAt,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public ConsentDeclined {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
