package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * The manifest of a flight was locked for departure; caseIds are the cases on it.
 *
 * @param caseId set on the copy of this flight-level event that reaches one affected case, keyed by that caseId so that it stays in order with the case's other messages; absent on the flight-level event, which is keyed by flightId
 */
public record ManifestLocked(
        UUID flightId,
        Instant departureAt,
        List<UUID> caseIds,
        UUID caseId) implements CaseMessage, FlightMessage {

    public ManifestLocked {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(departureAt, "departureAt");
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
}
