package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.FlightMessage;

/** The flight departed with the cases listed on board. */
public record FlightDeparted(
        UUID flightId,
        Instant departedAt,
        List<UUID> caseIds) implements FlightMessage {

    public FlightDeparted {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(departedAt, "departedAt");
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
}
