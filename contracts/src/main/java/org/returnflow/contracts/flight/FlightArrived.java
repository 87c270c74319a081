package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.FlightMessage;

/** The flight arrived at its destination with the cases listed on board. */
public record FlightArrived(
        UUID flightId,
        Instant arrivedAt,
        List<UUID> caseIds) implements FlightMessage {

    public FlightArrived {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
}
