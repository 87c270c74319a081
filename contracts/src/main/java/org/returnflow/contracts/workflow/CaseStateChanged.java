package org.returnflow.contracts.workflow;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * A removal case moved to a new state.
 *
 * @param operationId   the return operation the case belongs to, if any
 * @param previousState null when the case was just opened
 */
public record CaseStateChanged(
        UUID caseId,
        UUID detaineeId,
        UUID operationId,
        CaseState state,
        CaseState previousState,
        Instant changedAt) implements CaseMessage, DetaineeMessage {

    public CaseStateChanged {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
