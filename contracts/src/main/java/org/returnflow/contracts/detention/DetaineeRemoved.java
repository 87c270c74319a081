package org.returnflow.contracts.detention;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * Detention recorded that the person was removed on a flight and left custody.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record DetaineeRemoved(
        UUID caseId,
        UUID detaineeId,
        UUID flightId,
        Instant removedAt,
        UUID requestId) implements CaseMessage, DetaineeMessage, FlightMessage {

    public DetaineeRemoved {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(removedAt, "removedAt");
    }
}
