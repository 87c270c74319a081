package org.returnflow.contracts.detention;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/** Detention took the person out of the return operation, for a coded reason. */
public record DetaineeReleasedFromOperation(
        UUID caseId,
        UUID detaineeId,
        String reasonCode,
        Instant releasedAt) implements CaseMessage, DetaineeMessage {

    public DetaineeReleasedFromOperation {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }
}
