package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.FlightMessage;

/** A charter flight was scheduled with seats for returnees; cases waiting for a seat may retry. */
public record FlightScheduled(
        UUID flightId,
        String flightNumber,
        String destinationCountry,
        Instant departureAt,
        int seatsForReturnees) implements FlightMessage {

    public FlightScheduled {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(flightNumber, "flightNumber");
        Objects.requireNonNull(destinationCountry, "destinationCountry");
        Objects.requireNonNull(departureAt, "departureAt");
    }
}
