package org.returnflow.flight.api;

import org.returnflow.flight.domain.FlightStatus;
import org.returnflow.flight.domain.Flights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A flight's manifest: who holds a seat, who was struck and why, and how full the flight is.
 *
 * @param utilization active entries / seats for returnees, from 0 to 1
 */
record ManifestView(
        UUID flightId,
        String flightNumber,
        FlightStatus status,
        Instant departureAt,
        int seatsForReturnees,
        int activeCount,
        int boardedCount,
        int struckCount,
        BigDecimal utilization,
        List<ManifestEntryView> active,
        List<ManifestEntryView> struck) {

    static ManifestView of(Flights.Manifest m, boolean partner) {
        return of(m, partner, !partner);
    }

    /** The manifest with each person's nationality only when {@code identify}. */
    static ManifestView of(Flights.Manifest m, boolean partner, boolean identify) {
        int seats = m.flight().getSeatsForReturnees();
        int active = m.active().size();
        return new ManifestView(m.flight().getId(), m.flight().getFlightNumber(), m.flight().getStatus(),
                m.flight().getDepartureAt(), seats, active,
                (int) m.active().stream().filter(e -> e.hasBoarded()).count(), m.struck().size(),
                BigDecimal.valueOf(active).divide(BigDecimal.valueOf(seats), 4, RoundingMode.HALF_UP),
                m.active().stream().map(e -> ManifestEntryView.of(e, partner, identify)).toList(),
                m.struck().stream().map(e -> ManifestEntryView.of(e, partner, identify)).toList());
    }
}
