package org.returnflow.flight.domain;

import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.web.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Scheduling flights and moving them through their lifecycle, with the manifest changes and
 * events each step brings. Every step locks the flight row first, so it sees every booking that
 * committed before it and none that commits after.
 */
@Service
public class Flights {

    private final FlightRepository flights;
    private final ManifestEntryRepository entries;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public Flights(FlightRepository flights, ManifestEntryRepository entries, EventOutbox outbox, AuditLog audit,
                   Clock clock) {
        this.flights = flights;
        this.entries = entries;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A flight and its manifest, active and struck entries. */
    public record Manifest(Flight flight, List<ManifestEntry> active, List<ManifestEntry> struck) {
    }

    /** Schedules a flight and publishes {@code FlightScheduled}, so cases waiting for a seat try again. */
    @Transactional
    public Flight schedule(FlightPlan plan) {
        Instant now = clock.instant();
        plan.requireDepartureAfter(now);
        Flight flight = flights.saveAndFlush(new Flight(UUID.randomUUID(), plan, now));
        outbox.publish(new FlightScheduled(flight.getId(), flight.getFlightNumber(), flight.getDestinationCountry(),
                flight.getDepartureAt(), flight.getSeatsForReturnees()));
        audit.recordChange("FLIGHT_SCHEDULED", "FLIGHT", flight.getId(), flight.getFlightNumber() + " "
                + flight.getDepartureAirport() + "-" + flight.getArrivalAirport() + " " + flight.getDepartureAt());
        return flight;
    }

    @Transactional(readOnly = true)
    public Flight get(UUID id) {
        return flights.findById(id).orElseThrow(() -> new NotFoundException("Flight", id));
    }

    @Transactional(readOnly = true)
    public Page<Flight> list(String destinationCountry, Pageable pageable) {
        return destinationCountry == null ? flights.findAll(pageable)
                : flights.findByDestinationCountry(destinationCountry, pageable);
    }

    @Transactional(readOnly = true)
    public Manifest manifest(UUID id) {
        Flight flight = get(id);
        return new Manifest(flight, entries.findActiveOnFlight(id), entries.findStruckOnFlight(id));
    }

    /** Closes booking and publishes {@code ManifestLocked} with the cases on the manifest. */
    @Transactional
    public Flight lockManifest(UUID id) {
        Flight flight = lock(id);
        Instant now = clock.instant();
        flight.lockManifest(now);
        List<UUID> cases = caseIds(entries.findActiveOnFlight(id));
        outbox.publish(new ManifestLocked(id, flight.getDepartureAt(), cases, null));
        cases.forEach(caseId -> outbox.publish(new ManifestLocked(id, flight.getDepartureAt(), List.of(caseId), caseId)));
        audit.recordChange("MANIFEST_LOCKED", "FLIGHT", id, cases.size() + " cases on the manifest");
        return flight;
    }

    /**
     * The flight left. Active entries that did not board are struck with {@code NOT_BOARDED};
     * {@code FlightDeparted} lists the cases on board.
     */
    @Transactional
    public Flight depart(UUID id) {
        Flight flight = lock(id);
        Instant now = clock.instant();
        flight.depart(now);
        List<UUID> onBoard = new ArrayList<>();
        int struck = 0;
        for (ManifestEntry entry : entries.findActiveOnFlight(id)) {
            if (entry.hasBoarded()) {
                onBoard.add(entry.getCaseId());
            } else {
                entry.strike(ManifestEntry.NOT_BOARDED, now);
                // The case learns at once that it is off the flight, in order with its other messages.
                outbox.publish(new SeatReleased(entry.getCaseId(), id, entry.getSeat(), ManifestEntry.NOT_BOARDED,
                        now, null));
                struck++;
            }
        }
        flight.seatsFreed(struck);
        outbox.publish(new FlightDeparted(id, now, onBoard, null));
        onBoard.forEach(caseId -> outbox.publish(new FlightDeparted(id, now, List.of(caseId), caseId)));
        audit.recordChange("FLIGHT_DEPARTED", "FLIGHT", id,
                onBoard.size() + " on board, " + struck + " struck as " + ManifestEntry.NOT_BOARDED);
        return flight;
    }

    @Transactional
    public Flight arrive(UUID id) {
        Flight flight = lock(id);
        Instant now = clock.instant();
        flight.arrive(now);
        List<UUID> onBoard = caseIds(entries.findActiveOnFlight(id));
        outbox.publish(new FlightArrived(id, now, onBoard, null));
        onBoard.forEach(caseId -> outbox.publish(new FlightArrived(id, now, List.of(caseId), caseId)));
        audit.recordChange("FLIGHT_ARRIVED", "FLIGHT", id, onBoard.size() + " on board");
        return flight;
    }

    /**
     * Cancels the flight: every active entry is struck with {@code FLIGHT_CANCELLED}, its seat
     * freed, and {@code FlightCancelled} lists the cases that must be rebooked.
     *
     * @param reason upper-case code, published
     * @param note   free text, kept here and never published
     */
    @Transactional
    public Flight cancel(UUID id, String reason, String note) {
        Flight flight = lock(id);
        Instant now = clock.instant();
        flight.cancel(reason, note, now);
        List<ManifestEntry> active = entries.findActiveOnFlight(id);
        active.forEach(e -> e.strike(ManifestEntry.FLIGHT_CANCELLED, now));
        flight.seatsFreed(active.size());
        List<UUID> cases = caseIds(active);
        outbox.publish(new FlightCancelled(id, reason, cases, now, null));
        cases.forEach(caseId -> outbox.publish(new FlightCancelled(id, reason, List.of(caseId), now, caseId)));
        audit.recordChange("FLIGHT_CANCELLED", "FLIGHT", id, reason + ", " + cases.size() + " seats released");
        return flight;
    }

    /** The person of the case boarded; only on a locked manifest, only for an active entry. */
    @Transactional
    public ManifestEntry board(UUID id, UUID caseId) {
        Flight flight = lock(id);
        flight.requireStatus(FlightStatus.MANIFEST_LOCKED, "board passengers");
        ManifestEntry entry = activeEntry(flight, caseId);
        Instant now = clock.instant();
        entry.board(flight.getFlightNumber(), now);
        outbox.publish(new PassengerBoarded(caseId, id, now));
        audit.recordChange("PASSENGER_BOARDED", "MANIFEST_ENTRY", caseId,
                "flight " + flight.getFlightNumber() + " (" + id + ") seat " + entry.getSeat());
        return entry;
    }

    /**
     * The receiving authorities took charge of the person, after arrival.
     *
     * @param receivedBy the official who received the person; kept here, never published
     */
    @Transactional
    public ManifestEntry handOver(UUID id, UUID caseId, String receivedBy) {
        Flight flight = lock(id);
        flight.requireStatus(FlightStatus.ARRIVED, "hand over passengers");
        ManifestEntry entry = activeEntry(flight, caseId);
        Instant now = clock.instant();
        entry.handOver(flight.getFlightNumber(), receivedBy, now);
        outbox.publish(new HandoverConfirmed(caseId, id, now));
        audit.recordChange("HANDOVER_CONFIRMED", "MANIFEST_ENTRY", caseId,
                "flight " + flight.getFlightNumber() + " (" + id + ")");
        return entry;
    }

    private Flight lock(UUID id) {
        return flights.findForUpdate(id).orElseThrow(() -> new NotFoundException("Flight", id));
    }

    private ManifestEntry activeEntry(Flight flight, UUID caseId) {
        return entries.findActive(flight.getId(), caseId)
                .orElseThrow(() -> new NotFoundException("Active manifest entry of flight " + flight.getFlightNumber()
                        + " for case", caseId));
    }

    private static List<UUID> caseIds(List<ManifestEntry> entries) {
        return entries.stream().map(ManifestEntry::getCaseId).toList();
    }
}
