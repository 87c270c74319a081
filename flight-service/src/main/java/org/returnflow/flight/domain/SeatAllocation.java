package org.returnflow.flight.domain;

import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Books and releases seats for cases (S7): never more people than a flight's seats for
 * returnees, never two active seats for one case. Each call answers with its event through the
 * outbox, in the same transaction as the change.
 */
@Service
public class SeatAllocation {

    private static final Logger log = LoggerFactory.getLogger(SeatAllocation.class);

    private final FlightRepository flights;
    private final ManifestEntryRepository entries;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public SeatAllocation(FlightRepository flights, ManifestEntryRepository entries, EventOutbox outbox,
                          AuditLog audit, Clock clock) {
        this.flights = flights;
        this.entries = entries;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a booking came to. */
    public sealed interface Outcome permits Booked, Unavailable {
    }

    /** The case holds this seat; {@code again} when it already held it before this command. */
    public record Booked(SeatBooked event, boolean again) implements Outcome {
    }

    public record Unavailable(SeatUnavailable event) implements Outcome {
    }

    /**
     * Books the earliest SCHEDULED flight to the country, departing at or after notBefore, that
     * still has a seat within its capacity and the command's maxPerFlight, and none of whose
     * stopovers refuses the command's nationality in transit. A case that already
     * holds a seat gets the same seat again, and no second one.
     *
     * @param actor     who asked, for the audit trail (the CloudEvents source of the command)
     * @param requestId the command's CloudEvents id, which the answer carries
     */
    @Transactional
    public Outcome book(BookSeat command, String actor, UUID requestId) {
        Optional<ManifestEntry> held = entries.findActiveByCase(command.caseId());
        if (held.isPresent()) {
            ManifestEntry entry = held.get();
            Flight flight = flights.findById(entry.getFlightId()).orElseThrow();
            SeatBooked event = seatBooked(entry, flight, requestId);
            outbox.publish(event);
            log.info("Case already holds seat {} on {}; answered it again", entry.getSeat(), flight.getFlightNumber());
            return new Booked(event, true);
        }
        int cap = command.maxPerFlight() == null ? Integer.MAX_VALUE : command.maxPerFlight();
        // '' matches no refused nationality: a booking that does not name one is not held back.
        String nationality = command.nationality() == null ? "" : command.nationality();
        for (var flightId : flights.findBookable(command.destinationCountry(), command.notBefore(), cap,
                nationality)) {
            if (flights.claimSeat(flightId, cap, nationality) == 1) {
                Flight flight = flights.findById(flightId).orElseThrow();
                Integer seatNumber = entries.lowestFreeSeat(flightId, flight.getSeatsForReturnees());
                if (seatNumber == null) {
                    // seats_booked and the active entries disagree: refuse rather than overbook.
                    throw new IllegalStateException("Flight " + flightId + " counts a free seat but has none");
                }
                ManifestEntry entry = entries.saveAndFlush(new ManifestEntry(flightId, command.caseId(), seatNumber,
                        flight.seatLabel(seatNumber), clock.instant(), command.maxPerFlight(), command.nationality(),
                        command.facilityCode()));
                SeatBooked event = seatBooked(entry, flight, requestId);
                outbox.publish(event);
                audit.recordSystem(actor, "SEAT_BOOKED", "MANIFEST_ENTRY", command.caseId(),
                        "flight " + flight.getFlightNumber() + " (" + flightId + ") seat " + entry.getSeat());
                return new Booked(event, false);
            }
        }
        SeatUnavailable event = new SeatUnavailable(command.caseId(), command.destinationCountry(),
                command.notBefore(), requestId);
        outbox.publish(event);
        return new Unavailable(event);
    }

    /**
     * Strikes the case's active entry with the reason and frees its seat. Without an active
     * entry, or once the flight has departed, nothing changes and nothing is published.
     */
    @Transactional
    public Optional<SeatReleased> release(ReleaseSeat command, String actor, UUID requestId) {
        Optional<ManifestEntry> held = entries.findActiveByCase(command.caseId());
        if (held.isEmpty()) {
            log.info("Case holds no seat; release ignored");
            return Optional.empty();
        }
        // Lock order as in every lifecycle step: the flight first, then its entries.
        Flight flight = flights.findForUpdate(held.get().getFlightId()).orElseThrow();
        Optional<ManifestEntry> entry = entries.findActiveByCaseForUpdate(command.caseId());
        if (entry.isEmpty() || !entry.get().getFlightId().equals(flight.getId())) {
            log.info("The seat was released meanwhile; release ignored");
            return Optional.empty();
        }
        if (!flight.getStatus().beforeDeparture()) {
            log.warn("Flight {} is {}: the seat of a case on board is not released", flight.getFlightNumber(),
                    flight.getStatus());
            return Optional.empty();
        }
        Instant now = clock.instant();
        entry.get().strike(command.reason(), now);
        flight.seatsFreed(1);
        SeatReleased event = new SeatReleased(command.caseId(), flight.getId(), entry.get().getSeat(),
                command.reason(), now, requestId);
        outbox.publish(event);
        audit.recordSystem(actor, "SEAT_RELEASED", "MANIFEST_ENTRY", command.caseId(),
                "flight " + flight.getFlightNumber() + " (" + flight.getId() + ") seat " + entry.get().getSeat()
                        + " reason " + command.reason());
        return Optional.of(event);
    }

    static SeatBooked seatBooked(ManifestEntry entry, Flight flight, UUID requestId) {
        return new SeatBooked(entry.getCaseId(), flight.getId(), flight.getFlightNumber(), entry.getSeat(),
                flight.getDepartureAt(), flight.getDepartureAirport(), flight.getStopoverAirports(),
                flight.getArrivalAirport(), requestId);
    }
}
