package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * The flight departed with the cases listed on board.
 *
 * @param caseId set on the copy of this flight-level event that reaches one affected case, keyed by that caseId so that it stays in order with the case's other messages; absent on the flight-level event, which is keyed by flightId
 */
public record FlightDeparted(
        UUID flightId,
        Instant departedAt,
        List<UUID> caseIds,
        UUID caseId) implements CaseMessage, FlightMessage {

    public FlightDeparted {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(departedAt, "departedAt");
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
}
