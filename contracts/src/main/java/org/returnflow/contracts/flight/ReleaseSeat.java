package org.returnflow.contracts.flight;

import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * Asks flight to release the seat held for the case.
 *
 * @param reason upper-case code, for example {@code LEGAL_HOLD_PLACED}
 */
public record ReleaseSeat(UUID caseId, String reason) implements CaseMessage {

    public ReleaseSeat {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
    }
}
