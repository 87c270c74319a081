package org.returnflow.flight.api;

import org.returnflow.flight.domain.Flight;
import org.returnflow.flight.domain.FlightStatus;
import org.returnflow.flight.domain.Stopover;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A flight as the API shows it, with its seats for returnees, booked and available. */
record FlightView(
        UUID id,
        String flightNumber,
        String operator,
        String departureAirport,
        Instant departureAt,
        List<StopoverView> stopovers,
        String arrivalAirport,
        String destinationCountry,
        int seatCapacity,
        int escortSeats,
        int seatsForReturnees,
        int seatsBooked,
        int seatsAvailable,
        FlightStatus status,
        Instant manifestLockedAt,
        Instant departedAt,
        Instant arrivedAt,
        Instant cancelledAt,
        String cancelReason,
        String cancelNote,
        Instant originalDepartureAt,
        Instant rescheduledAt,
        String rescheduleReason,
        String rescheduleNote) {

    /**
     * A stop, with the transit state's authorisation once recorded ({@code transitAuthorisation} is
     * null until then, and the manifest cannot be locked).
     */
    record StopoverView(String airport, Instant arriveAt, Instant departAt, TransitView transitAuthorisation) {
    }

    record TransitView(String reference, String grantedBy, List<String> refusedNationalities, Instant authorisedAt) {
    }

    /** The view; partners do not see the free-text notes of a cancellation or a reschedule. */
    static FlightView of(Flight f, boolean partner) {
        return new FlightView(f.getId(), f.getFlightNumber(), f.getOperator(), f.getDepartureAirport(),
                f.getDepartureAt(),
                f.getStopovers().stream().map(FlightView::stopover).toList(),
                f.getArrivalAirport(), f.getDestinationCountry(), f.getSeatCapacity(), f.getEscortSeats(),
                f.getSeatsForReturnees(), f.getSeatsBooked(), f.getSeatsAvailable(), f.getStatus(),
                f.getManifestLockedAt(), f.getDepartedAt(), f.getArrivedAt(), f.getCancelledAt(), f.getCancelReason(),
                partner ? null : f.getCancelNote(), f.getOriginalDepartureAt(), f.getRescheduledAt(),
                f.getRescheduleReason(), partner ? null : f.getRescheduleNote());
    }

    private static StopoverView stopover(Stopover s) {
        Stopover.TransitAuthorisation t = s.transitAuthorisation();
        return new StopoverView(s.airport(), s.arriveAt(), s.departAt(), t == null ? null
                : new TransitView(t.reference(), t.grantedBy(), t.refusedNationalities(), t.authorisedAt()));
    }
}
