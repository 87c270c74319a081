package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * A seat was booked for the case on a flight.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record SeatBooked(
        UUID caseId,
        UUID flightId,
        String flightNumber,
        String seat,
        Instant departureAt,
        String departureAirport,
        List<String> stopoverAirports,
        String arrivalAirport,
        UUID requestId) implements CaseMessage, FlightMessage {

    public SeatBooked {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(flightNumber, "flightNumber");
        Objects.requireNonNull(seat, "seat");
        Objects.requireNonNull(departureAt, "departureAt");
        Objects.requireNonNull(departureAirport, "departureAirport");
        stopoverAirports = stopoverAirports == null ? List.of() : List.copyOf(stopoverAirports);
        Objects.requireNonNull(arrivalAirport, "arrivalAirport");
    }
}
