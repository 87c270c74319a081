package org.returnflow.flight.domain;

import org.returnflow.platform.web.CountryCodes;

import org.returnflow.platform.web.BadRequestException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A flight as an agency plans it, checked as a whole: IATA airports, stopovers in time order
 * between departure and arrival, escorts fewer than the seats and a known destination country.
 * A plan that exists is valid; the first rule it breaks is a 400 naming the field.
 */
public record FlightPlan(
        String flightNumber,
        String operator,
        String departureAirport,
        Instant departureAt,
        List<Stopover> stopovers,
        String arrivalAirport,
        String destinationCountry,
        int seatCapacity,
        int escortSeats) {

    public static final Pattern IATA_AIRPORT = Pattern.compile("^[A-Z]{3}$");
    public FlightPlan {
        require(flightNumber != null && !flightNumber.isBlank(), "flightNumber", "is required");
        require(operator != null && !operator.isBlank(), "operator", "is required");
        requireAirport(departureAirport, "departureAirport");
        requireAirport(arrivalAirport, "arrivalAirport");
        require(!departureAirport.equals(arrivalAirport), "arrivalAirport", "must differ from departureAirport");
        require(departureAt != null, "departureAt", "is required");
        require(isCountry(destinationCountry), "destinationCountry",
                "'" + destinationCountry + "' is not an ISO 3166-1 alpha-3 country code");
        require(seatCapacity > 0, "seatCapacity", "must be at least 1");
        require(escortSeats >= 0, "escortSeats", "must not be negative");
        require(escortSeats < seatCapacity, "escortSeats",
                "must be less than seatCapacity (" + seatCapacity + "), so that seats are left for returnees");
        stopovers = stopovers == null ? List.of() : List.copyOf(stopovers);
        Instant previousDeparture = departureAt;
        String previousName = "departureAt";
        for (int i = 0; i < stopovers.size(); i++) {
            Stopover stop = Objects.requireNonNull(stopovers.get(i), "stopovers[" + i + "]");
            String at = "stopovers[" + i + "]";
            requireAirport(stop.airport(), at + ".airport");
            require(!stop.airport().equals(departureAirport) && !stop.airport().equals(arrivalAirport),
                    at + ".airport", "must differ from the departure and arrival airports");
            require(stop.arriveAt().isAfter(previousDeparture), at + ".arriveAt",
                    "must be after " + previousName + " (" + previousDeparture + "): stopovers go in order");
            require(stop.departAt().isAfter(stop.arriveAt()), at + ".departAt", "must be after " + at + ".arriveAt");
            previousDeparture = stop.departAt();
            previousName = at + ".departAt";
        }
    }

    /** Seats the manifest may fill: the capacity less the escorts' seats. */
    public int seatsForReturnees() {
        return seatCapacity - escortSeats;
    }

    /**
     * The same flight at new times: the departure moves, and the stopovers either move with it by
     * the same amount (stopovers null) or take the times given, which must name the same airports in
     * the same order. The result is checked as a whole, as scheduling checks it.
     */
    public FlightPlan rescheduled(Instant newDepartureAt, List<Stopover> newStopovers) {
        require(newDepartureAt != null, "departureAt", "is required");
        List<Stopover> stops;
        if (newStopovers == null) {
            Duration shift = Duration.between(departureAt, newDepartureAt);
            stops = stopovers.stream()
                    .map(s -> new Stopover(s.airport(), s.arriveAt().plus(shift), s.departAt().plus(shift))).toList();
        } else {
            require(newStopovers.size() == stopovers.size(), "stopovers",
                    "must list the flight's " + stopovers.size() + " stopovers, in order, with their new times");
            for (int i = 0; i < newStopovers.size(); i++) {
                String airport = stopovers.get(i).airport();
                require(airport.equals(newStopovers.get(i).airport()), "stopovers[" + i + "].airport",
                        "must be " + airport + ": a reschedule moves times, not airports");
            }
            stops = newStopovers;
        }
        return new FlightPlan(flightNumber, operator, departureAirport, newDepartureAt, stops, arrivalAirport,
                destinationCountry, seatCapacity, escortSeats);
    }

    /** A new flight must leave in the future. */
    public FlightPlan requireDepartureAfter(Instant now) {
        require(departureAt.isAfter(now), "departureAt", "must be in the future");
        return this;
    }

    public static boolean isCountry(String code) {
        return CountryCodes.isKnown(code);
    }

    private static void requireAirport(String code, String field) {
        require(code != null && IATA_AIRPORT.matcher(code).matches(), field,
                "'" + code + "' is not an IATA airport code (three capital letters)");
    }

    private static void require(boolean ok, String field, String reason) {
        if (!ok) {
            throw new BadRequestException(field + " " + reason, field);
        }
    }
}
