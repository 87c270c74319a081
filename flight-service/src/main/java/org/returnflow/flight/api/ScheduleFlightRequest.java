package org.returnflow.flight.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.returnflow.flight.domain.FlightPlan;
import org.returnflow.flight.domain.Stopover;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/flights}: a charter flight to schedule. Times are UTC instants. */
record ScheduleFlightRequest(
        @NotBlank @Pattern(regexp = "^[A-Z0-9]{3,10}$", message = "must be 3 to 10 capital letters or digits")
        String flightNumber,
        @NotBlank @Size(max = 100) String operator,
        @NotNull @Pattern(regexp = IATA, message = IATA_MESSAGE) String departureAirport,
        @NotNull @Future Instant departureAt,
        @Size(max = 10) List<@NotNull @Valid StopoverRequest> stopovers,
        @NotNull @Pattern(regexp = IATA, message = IATA_MESSAGE) String arrivalAirport,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 3166-1 alpha-3 country code")
        String destinationCountry,
        @NotNull @Min(1) @Max(1000) Integer seatCapacity,
        @NotNull @Min(0) Integer escortSeats) {

    static final String IATA = "^[A-Z]{3}$";
    static final String IATA_MESSAGE = "must be an IATA airport code (three capital letters)";

    /** A stop between departure and arrival. */
    record StopoverRequest(
            @NotNull @Pattern(regexp = IATA, message = IATA_MESSAGE) String airport,
            @NotNull Instant arriveAt,
            @NotNull Instant departAt) {
    }

    /** The plan, checked as a whole (stopover order, escorts below capacity, known country). */
    FlightPlan toPlan() {
        List<Stopover> stops = stopovers == null ? List.of()
                : stopovers.stream().map(s -> new Stopover(s.airport(), s.arriveAt(), s.departAt())).toList();
        return new FlightPlan(flightNumber, operator, departureAirport, departureAt, stops, arrivalAirport,
                destinationCountry, seatCapacity, escortSeats);
    }
}
