package org.returnflow.flight.domain;

import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
import org.returnflow.contracts.flight.FlightRescheduled;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.BusinessRuleException;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Scheduling flights and moving them through their lifecycle, with the manifest changes and
 * events each step brings. Every step locks the flight row first, so it sees every booking that
 * committed before it and none that commits after.
 */
@Service
public class Flights {

    private final FlightRepository flights;
    private final ManifestEntryRepository entries;
    private final FlightMonitorRepository monitors;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public Flights(FlightRepository flights, ManifestEntryRepository entries, FlightMonitorRepository monitors,
                   EventOutbox outbox, AuditLog audit, Clock clock) {
        this.flights = flights;
        this.entries = entries;
        this.monitors = monitors;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A flight and its manifest, active and struck entries. */
    public record Manifest(Flight flight, List<ManifestEntry> active, List<ManifestEntry> struck) {

        /** The manifest as a caller sees it: the entries of people held within its reach only. */
        public Manifest within(FacilityReach reach) {
            return new Manifest(flight, active.stream().filter(e -> reach.reaches(e.getFacilityCode())).toList(),
                    struck.stream().filter(e -> reach.reaches(e.getFacilityCode())).toList());
        }
    }

    /** A step on one entry, and whether it changed anything (a step done before changes nothing). */
    public record Step(ManifestEntry entry, boolean changed) {
    }

    /** A case moved: the entry struck on the flight it left, and the one it holds now. */
    public record Move(ManifestEntry from, ManifestEntry to) {
    }

    /**
     * A transit authorisation as recorded at a stopover, whether it was recorded by this call, and
     * the cases it struck from the manifest.
     */
    public record TransitRecord(Flight flight, String airport, Stopover.TransitAuthorisation authorisation,
                                boolean changed, List<UUID> struck) {
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
        if (flight.getStatus().mayMoveTo(FlightStatus.DEPARTED)) {
            // A charter with an independent monitor leaves only with the monitor on board.
            List<FlightMonitor> missing = monitors.findActiveOnFlight(id).stream().filter(m -> !m.hasBoarded()).toList();
            if (!missing.isEmpty()) {
                String monitorId = missing.get(0).getMonitorId();
                throw new ConflictException("Flight " + flight.getFlightNumber() + " cannot depart: its monitor "
                        + monitorId + " is not recorded as boarded (POST /api/flights/" + id + "/monitors/" + monitorId
                        + "/board)", "monitorId");
            }
        }
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

    /**
     * Moves the flight's departure, and its stopovers with it unless new stopover times are given.
     * Only before departure; a locked manifest stays locked and every case keeps its seat.
     * {@code FlightRescheduled} goes out once for the flight and once to each case holding a seat.
     * The same times again change nothing and publish nothing.
     *
     * @param stopovers the stopovers' new times (same airports, same order), or null to move them
     *                  by as much as the departure moves
     * @param reason    upper-case code, published
     * @param note      free text, kept here and never published
     * @return whether the times changed
     */
    @Transactional
    public boolean reschedule(UUID id, Instant departureAt, List<Stopover> stopovers, String reason, String note) {
        Flight flight = lock(id);
        Instant now = clock.instant();
        if (!flight.getStatus().beforeDeparture()) {
            throw new IllegalFlightTransition(flight.getFlightNumber(), flight.getStatus(), "be rescheduled");
        }
        FlightPlan plan = flight.plan().rescheduled(departureAt, stopovers).requireDepartureAfter(now);
        Instant previous = flight.getDepartureAt();
        if (!flight.reschedule(plan, reason, note, now)) {
            return false;
        }
        List<UUID> cases = caseIds(entries.findActiveOnFlight(id));
        outbox.publish(new FlightRescheduled(id, previous, departureAt, reason, cases, now, null));
        cases.forEach(caseId -> outbox.publish(
                new FlightRescheduled(id, previous, departureAt, reason, List.of(caseId), now, caseId)));
        audit.recordChange("FLIGHT_RESCHEDULED", "FLIGHT", id, "departure " + previous + " -> " + departureAt
                + ", " + reason + ", " + cases.size() + " cases on the manifest");
        return true;
    }

    /**
     * An agency takes the person of the case off the flight before departure, boarded or not: the
     * entry is struck {@code OFFLOADED} with the agency's reason beside it, the seat freed, and the
     * case learns it from a {@code SeatReleased} that no command asked for.
     *
     * @param reason the agency's upper-case code; kept in the manifest, never published
     */
    @Transactional
    public ManifestEntry offload(UUID id, UUID caseId, String reason) {
        Flight flight = lock(id);
        if (!flight.getStatus().beforeDeparture()) {
            throw new IllegalFlightTransition(flight.getFlightNumber(), flight.getStatus(), "offload passengers");
        }
        ManifestEntry entry = activeEntry(flight, caseId);
        Instant now = clock.instant();
        entry.offload(reason, now);
        flight.seatsFreed(1);
        outbox.publish(new SeatReleased(caseId, id, entry.getSeat(), ManifestEntry.OFFLOADED, now, null));
        audit.recordChange("PASSENGER_OFFLOADED", "MANIFEST_ENTRY", caseId,
                "flight " + flight.getFlightNumber() + " (" + id + ") seat " + entry.getSeat() + ", " + reason);
        return entry;
    }

    /**
     * Moves the case, in one transaction, from its seat on this flight to a seat on another flight
     * to the same country that takes bookings and leaves no earlier, within the cap the case was
     * booked under. Publishes {@code SeatReleased} ({@code MOVED}) and then {@code SeatBooked}, both
     * keyed by the case and answering no command. Either everything happens or nothing does.
     *
     * @param reason the agency's upper-case code; kept in the manifest, never published
     */
    @Transactional
    public Move move(UUID id, UUID caseId, UUID toFlightId, String reason) {
        if (id.equals(toFlightId)) {
            throw new BadRequestException("toFlightId must name another flight than the one the case leaves",
                    "toFlightId");
        }
        // Two flights' rows, always locked in the same order, so two opposite moves cannot deadlock.
        boolean sourceFirst = id.compareTo(toFlightId) < 0;
        Flight first = sourceFirst ? lock(id) : lockTarget(toFlightId);
        Flight second = sourceFirst ? lockTarget(toFlightId) : lock(id);
        Flight source = sourceFirst ? first : second;
        Flight target = sourceFirst ? second : first;
        if (!source.getStatus().beforeDeparture()) {
            throw new IllegalFlightTransition(source.getFlightNumber(), source.getStatus(), "move passengers");
        }
        ManifestEntry from = activeEntry(source, caseId);
        Instant now = clock.instant();
        requireMayTake(source, target, now);
        target.stopoverRefusing(from.getNationality()).ifPresent(airport -> {
            throw new ConflictException("Flight " + target.getFlightNumber() + " stops at " + airport
                    + ", whose transit authorisation refuses the nationality of case " + caseId, "toFlightId");
        });
        from.moveTo(target.getId(), reason, now);
        source.seatsFreed(1);
        target.seatTaken(from.getMaxPerFlight());
        // The strike reaches the database before the new seat: one active seat per case, always.
        entries.flush();
        Integer seatNumber = entries.lowestFreeSeat(target.getId(), target.getSeatsForReturnees());
        if (seatNumber == null) {
            throw new IllegalStateException("Flight " + target.getId() + " counts a free seat but has none");
        }
        ManifestEntry to = entries.saveAndFlush(new ManifestEntry(target.getId(), caseId, seatNumber,
                target.seatLabel(seatNumber), now, from.getMaxPerFlight(), from.getNationality(),
                from.getFacilityCode()));
        outbox.publish(new SeatReleased(caseId, id, from.getSeat(), ManifestEntry.MOVED, now, null, target.getId()));
        SeatBooked booked = SeatAllocation.seatBooked(to, target, null);
        outbox.publish(booked);
        audit.recordChange("PASSENGER_MOVED", "MANIFEST_ENTRY", caseId, "flight " + source.getFlightNumber() + " ("
                + id + ") seat " + from.getSeat() + " -> flight " + target.getFlightNumber() + " (" + target.getId()
                + ") seat " + to.getSeat() + ", " + reason);
        return new Move(from, to);
    }

    /**
     * Records the transit state's authorisation for the flight's stopover at the airport, before
     * departure. Each active entry of a nationality it refuses is struck {@code TRANSIT_REFUSED}, its
     * seat freed, and the case learns it from a {@code SeatReleased} no command asked for (the
     * workflow rebooks); no booking seats that nationality on this flight again. Recorded once: the
     * same again changes nothing, anything else is a 409.
     *
     * @param grantedBy the transit state's authority (a code or an office), never a person's name
     */
    @Transactional
    public TransitRecord authoriseTransit(UUID id, String airport, String reference, String grantedBy,
                                          Collection<String> refusedNationalities) {
        Flight flight = lock(id);
        Instant now = clock.instant();
        Stopover.TransitAuthorisation requested = new Stopover.TransitAuthorisation(reference, grantedBy,
                List.copyOf(refusedNationalities), now, Caller.find().map(Caller::principal).orElse("system"));
        if (!flight.authoriseTransit(airport, requested)) {
            Stopover.TransitAuthorisation recorded = flight.getStopovers().stream()
                    .filter(s -> s.airport().equals(airport)).findFirst().orElseThrow().transitAuthorisation();
            return new TransitRecord(flight, airport, recorded, false, List.of());
        }
        List<UUID> struck = new ArrayList<>();
        for (ManifestEntry entry : entries.findActiveOnFlight(id)) {
            if (entry.getNationality() != null && requested.refusedNationalities().contains(entry.getNationality())) {
                entry.strike(ManifestEntry.TRANSIT_REFUSED, now);
                outbox.publish(new SeatReleased(entry.getCaseId(), id, entry.getSeat(), ManifestEntry.TRANSIT_REFUSED,
                        now, null));
                struck.add(entry.getCaseId());
            }
        }
        flight.seatsFreed(struck.size());
        audit.recordChange("TRANSIT_AUTHORISED", "FLIGHT", id, "stopover " + airport + " reference " + reference
                + " granted by " + grantedBy + ", refused " + requested.refusedNationalities() + ", " + struck.size()
                + " struck as " + ManifestEntry.TRANSIT_REFUSED);
        return new TransitRecord(flight, airport, requested, true, struck);
    }

    /** The person of the case boarded; only on a locked manifest, only for an active entry. */
    @Transactional
    public ManifestEntry board(UUID id, UUID caseId) {
        return board(id, caseId, false).entry();
    }

    /**
     * The person of the case boarded; only on a locked manifest, only for an active entry.
     *
     * @param repeatIsDone whether boarding someone on board already is no change (a bulk retried)
     *                     rather than a 409
     */
    @Transactional
    public Step board(UUID id, UUID caseId, boolean repeatIsDone) {
        Flight flight = lock(id);
        flight.requireStatus(FlightStatus.MANIFEST_LOCKED, "board passengers");
        ManifestEntry entry = activeEntry(flight, caseId);
        if (repeatIsDone && entry.hasBoarded()) {
            return new Step(entry, false);
        }
        Instant now = clock.instant();
        entry.board(flight.getFlightNumber(), now);
        outbox.publish(new PassengerBoarded(caseId, id, now));
        audit.recordChange("PASSENGER_BOARDED", "MANIFEST_ENTRY", caseId,
                "flight " + flight.getFlightNumber() + " (" + id + ") seat " + entry.getSeat());
        return new Step(entry, true);
    }

    /**
     * The receiving authorities took charge of the person, after arrival.
     *
     * @param receivedBy the official who received the person; kept here, never published
     */
    @Transactional
    public ManifestEntry handOver(UUID id, UUID caseId, String receivedBy) {
        return handOver(id, caseId, receivedBy, false).entry();
    }

    /**
     * The receiving authorities took charge of the person, after arrival.
     *
     * @param repeatIsDone whether a handover confirmed before is no change (a bulk retried; the
     *                     first receiving official stays on record) rather than a 409
     */
    @Transactional
    public Step handOver(UUID id, UUID caseId, String receivedBy, boolean repeatIsDone) {
        Flight flight = lock(id);
        flight.requireStatus(FlightStatus.ARRIVED, "hand over passengers");
        ManifestEntry entry = activeEntry(flight, caseId);
        if (repeatIsDone && entry.getHandedOverAt() != null) {
            return new Step(entry, false);
        }
        Instant now = clock.instant();
        entry.handOver(flight.getFlightNumber(), receivedBy, now);
        outbox.publish(new HandoverConfirmed(caseId, id, now));
        audit.recordChange("HANDOVER_CONFIRMED", "MANIFEST_ENTRY", caseId,
                "flight " + flight.getFlightNumber() + " (" + id + ")");
        return new Step(entry, true);
    }

    private Flight lock(UUID id) {
        return flights.findForUpdate(id).orElseThrow(() -> new NotFoundException("Flight", id));
    }

    /** The target of a move, named in the request body: unknown is a 422 naming the field, not a 404. */
    private Flight lockTarget(UUID toFlightId) {
        return flights.findForUpdate(toFlightId).orElseThrow(() -> new BusinessRuleException(
                "toFlightId names no flight: " + toFlightId, "toFlightId"));
    }

    /**
     * A move never goes to a flight that takes no bookings, to another country, or earlier than the
     * flight the case leaves: the notice the person got for that departure still holds for a later
     * one, so a move never shortens the notice window (S4).
     */
    private static void requireMayTake(Flight source, Flight target, Instant now) {
        if (target.getStatus() != FlightStatus.SCHEDULED) {
            throw new ConflictException("Flight " + target.getFlightNumber() + " is " + target.getStatus()
                    + ": it takes no bookings", "toFlightId");
        }
        if (!target.getDestinationCountry().equals(source.getDestinationCountry())) {
            throw new BusinessRuleException("Flight " + target.getFlightNumber() + " goes to "
                    + target.getDestinationCountry() + ", not " + source.getDestinationCountry(), "toFlightId");
        }
        if (target.getDepartureAt().isBefore(source.getDepartureAt()) || !target.getDepartureAt().isAfter(now)) {
            throw new BusinessRuleException("Flight " + target.getFlightNumber() + " departs at "
                    + target.getDepartureAt() + ", before flight " + source.getFlightNumber() + " ("
                    + source.getDepartureAt() + "): a move never brings a departure forward", "toFlightId");
        }
    }

    /**
     * Refuses (404, as for a case never on the flight) a caller who does not reach the facility of the
     * person of the case, before anything is changed; a case never on the flight is left to the step
     * itself, which says so.
     */
    @Transactional(readOnly = true)
    public void requireReach(UUID id, UUID caseId, FacilityReach reach) {
        if (reach.unlimited()) {
            return;
        }
        if (Stream.concat(entries.findActive(id, caseId).stream(), entries.findStruck(id, caseId).stream())
                .anyMatch(e -> !reach.reaches(e.getFacilityCode()))) {
            throw new NotFoundException("Active manifest entry of flight " + id + " for case", caseId);
        }
    }

    /**
     * The case's active entry on the flight: 409 when the case was struck from this flight (saying
     * why), 404 when it never held a seat on it.
     */
    private ManifestEntry activeEntry(Flight flight, UUID caseId) {
        return entries.findActive(flight.getId(), caseId).orElseThrow(() -> {
            List<ManifestEntry> struck = entries.findStruck(flight.getId(), caseId);
            if (!struck.isEmpty()) {
                ManifestEntry last = struck.get(0);
                return new ConflictException("Case " + caseId + " was struck from flight " + flight.getFlightNumber()
                        + " at " + last.getStruckAt() + " (" + last.getReasonStruck() + ")");
            }
            return new NotFoundException("Active manifest entry of flight " + flight.getFlightNumber() + " for case",
                    caseId);
        });
    }

    private static List<UUID> caseIds(List<ManifestEntry> entries) {
        return entries.stream().map(ManifestEntry::getCaseId).toList();
    }
}
