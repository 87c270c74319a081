package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * The flight's departure moved; the cases listed keep their seats and learn the new time.
 *
 * @param previousDepartureAt the departure before this change
 * @param departureAt the new departure
 * @param reason upper-case code, for example {@code WEATHER} or {@code CREW_REST}
 * @param caseIds the cases holding a seat on the flight when it moved
 * @param rescheduledAt when the change was made
 * @param caseId set on the copy of this flight-level event that reaches one affected case, keyed by that caseId so that it stays in order with the case's other messages; absent on the flight-level event, which is keyed by flightId
 */
public record FlightRescheduled(
        UUID flightId,
        Instant previousDepartureAt,
        Instant departureAt,
        String reason,
        List<UUID> caseIds,
        Instant rescheduledAt,
        UUID caseId) implements CaseMessage, FlightMessage {

    public FlightRescheduled {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(previousDepartureAt, "previousDepartureAt");
        Objects.requireNonNull(departureAt, "departureAt");
        Objects.requireNonNull(reason, "reason");
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
        Objects.requireNonNull(rescheduledAt, "rescheduledAt");
    }
}
