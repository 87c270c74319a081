package org.returnflow.contracts.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * The person consented to return, recorded by an officer in a language, with or without an
 * interpreter, on hashed evidence.
 *
 * @param officer         user id of the officer who recorded the decision
 * @param interpreter     user id of the interpreter; null when none took part
 * @param reviewRequired  whether the decision must be reviewed, for instance after a long detention
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record ConsentGiven(
        UUID caseId,
        UUID consentId,
        UUID detaineeId,
        String officer,
        String language,
        String interpreter,
        String evidenceSha256,
        Instant capturedAt,
        int daysInDetention,
        boolean reviewRequired,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public ConsentGiven {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(evidenceSha256, "evidenceSha256");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }
}
