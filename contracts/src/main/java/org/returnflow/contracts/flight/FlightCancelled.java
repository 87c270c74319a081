package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * The flight was cancelled; the cases listed lost their seats and must be rebooked.
 *
 * @param reason upper-case code, for example {@code AIRCRAFT_UNAVAILABLE}
 * @param caseId set on the copy of this flight-level event that reaches one affected case, keyed by that caseId so that it stays in order with the case's other messages; absent on the flight-level event, which is keyed by flightId
 */
public record FlightCancelled(
        UUID flightId,
        String reason,
        List<UUID> caseIds,
        Instant cancelledAt,
        UUID caseId) implements CaseMessage, FlightMessage {

    public FlightCancelled {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(reason, "reason");
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }
}
