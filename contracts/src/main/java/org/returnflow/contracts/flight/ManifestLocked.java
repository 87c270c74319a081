package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.FlightMessage;

/** The manifest of a flight was locked for departure; caseIds are the cases on it. */
public record ManifestLocked(
        UUID flightId,
        Instant departureAt,
        List<UUID> caseIds) implements FlightMessage {

    public ManifestLocked {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(departureAt, "departureAt");
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
}
