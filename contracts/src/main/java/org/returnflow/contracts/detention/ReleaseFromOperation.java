package org.returnflow.contracts.detention;

import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/** Asks detention to take the person out of the return operation, for a coded reason. */
public record ReleaseFromOperation(
        UUID caseId,
        UUID detaineeId,
        String reasonCode) implements CaseMessage, DetaineeMessage {

    public ReleaseFromOperation {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
