package org.returnflow.contracts.detention;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * Detention took the person out of the return operation, for a coded reason.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record DetaineeReleasedFromOperation(
        UUID caseId,
        UUID detaineeId,
        String reasonCode,
        Instant releasedAt,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public DetaineeReleasedFromOperation {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }
}
