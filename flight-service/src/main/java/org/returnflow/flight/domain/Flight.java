package org.returnflow.flight.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A charter flight and its lifecycle. The seat counter {@code seatsBooked} is raised by the
 * database's conditional update in {@link SeatAllocation}, or by {@link #seatTaken} when a case is
 * moved here under this flight's row lock; this class lowers it when entries are struck, always
 * under a row lock. The database's CHECK keeps it within the seats for returnees either way.
 */
@Entity
@Table(name = "flight")
public class Flight {

    @Id
    private UUID id;

    @Column(name = "flight_number", nullable = false)
    private String flightNumber;

    @Column(nullable = false)
    private String operator;

    @Column(name = "departure_airport", nullable = false)
    private String departureAirport;

    @Column(name = "arrival_airport", nullable = false)
    private String arrivalAirport;

    @Column(name = "departure_at", nullable = false)
    private Instant departureAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "stopover", joinColumns = @JoinColumn(name = "flight_id"))
    @OrderColumn(name = "position")
    private List<Stopover> stopovers = new ArrayList<>();

    @Column(name = "destination_country", nullable = false)
    private String destinationCountry;

    @Column(name = "seat_capacity", nullable = false)
    private int seatCapacity;

    @Column(name = "escort_seats", nullable = false)
    private int escortSeats;

    @Column(name = "seats_booked", nullable = false)
    private int seatsBooked;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FlightStatus status;

    @Column(name = "scheduled_at", nullable = false)
    private Instant scheduledAt;

    @Column(name = "manifest_locked_at")
    private Instant manifestLockedAt;

    @Column(name = "departed_at")
    private Instant departedAt;

    @Column(name = "arrived_at")
    private Instant arrivedAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "cancel_note")
    private String cancelNote;

    @Column(name = "original_departure_at", nullable = false)
    private Instant originalDepartureAt;

    @Column(name = "rescheduled_at")
    private Instant rescheduledAt;

    @Column(name = "reschedule_reason")
    private String rescheduleReason;

    @Column(name = "reschedule_note")
    private String rescheduleNote;

    /** Every nationality a stopover's transit authorisation refuses, sorted, joined by commas. */
    @Column(name = "transit_refused", nullable = false)
    private String transitRefused = "";

    @Version
    private long version;

    protected Flight() {
    }

    public Flight(UUID id, FlightPlan plan, Instant now) {
        this.id = id;
        this.flightNumber = plan.flightNumber();
        this.operator = plan.operator();
        this.departureAirport = plan.departureAirport();
        this.arrivalAirport = plan.arrivalAirport();
        this.departureAt = plan.departureAt();
        this.originalDepartureAt = plan.departureAt();
        this.stopovers = new ArrayList<>(plan.stopovers());
        this.destinationCountry = plan.destinationCountry();
        this.seatCapacity = plan.seatCapacity();
        this.escortSeats = plan.escortSeats();
        this.status = FlightStatus.SCHEDULED;
        this.scheduledAt = now;
    }

    /**
     * Closes booking; the manifest may still lose people (offloading) until departure. Refused (409
     * naming the stopover) while a stopover has no transit authorisation.
     */
    public void lockManifest(Instant now) {
        if (!status.mayMoveTo(FlightStatus.MANIFEST_LOCKED)) {
            throw new IllegalFlightTransition(flightNumber, status, "lock its manifest");
        }
        for (int i = 0; i < stopovers.size(); i++) {
            Stopover stop = stopovers.get(i);
            if (!stop.transitAuthorised()) {
                throw new ConflictException("Flight " + flightNumber + " has no transit authorisation for its stopover "
                        + stop.airport() + ": record the transit state's authorisation (POST /api/flights/" + id
                        + "/stopovers/" + stop.airport() + "/transit-authorisation) before locking the manifest",
                        "stopovers[" + i + "].airport");
            }
        }
        moveTo(FlightStatus.MANIFEST_LOCKED, "lock its manifest");
        manifestLockedAt = now;
    }

    /**
     * Records the transit state's authorisation for the stopover at the airport, before departure.
     * Recorded once: the same again changes nothing (a retried call), anything else is a 409.
     *
     * @return whether it was recorded now
     * @throws NotFoundException when the flight does not stop at the airport
     */
    public boolean authoriseTransit(String airport, Stopover.TransitAuthorisation authorisation) {
        if (!status.beforeDeparture()) {
            throw new IllegalFlightTransition(flightNumber, status, "record a transit authorisation");
        }
        List<Stopover> atAirport = stopovers.stream().filter(s -> s.airport().equals(airport)).toList();
        if (atAirport.isEmpty()) {
            throw new NotFoundException("Stopover of flight " + flightNumber + " at airport", airport);
        }
        Stopover.TransitAuthorisation recorded = atAirport.get(0).transitAuthorisation();
        if (recorded != null) {
            if (recorded.sameAs(authorisation.reference(), authorisation.grantedBy(),
                    authorisation.refusedNationalities())) {
                return false;
            }
            throw new ConflictException("Stopover " + airport + " of flight " + flightNumber
                    + " has a transit authorisation already (reference " + recorded.reference() + ", recorded at "
                    + recorded.authorisedAt() + "); it is recorded once and never changed", "reference");
        }
        atAirport.forEach(s -> s.authoriseTransit(authorisation));
        TreeSet<String> refused = new TreeSet<>(Stopover.split(transitRefused));
        refused.addAll(authorisation.refusedNationalities());
        transitRefused = String.join(",", refused);
        return true;
    }

    /** Whether a stopover's transit authorisation refuses the nationality (null: not known, so none applies). */
    public boolean refusesInTransit(String nationality) {
        return nationality != null && Stopover.split(transitRefused).contains(nationality);
    }

    /** The airport of the first stopover that refuses the nationality in transit, if any. */
    public Optional<String> stopoverRefusing(String nationality) {
        return stopovers.stream().filter(s -> s.transitAuthorised()
                        && s.transitAuthorisation().refusedNationalities().contains(nationality))
                .map(Stopover::airport).findFirst();
    }

    public void depart(Instant now) {
        moveTo(FlightStatus.DEPARTED, "depart");
        departedAt = now;
    }

    public void arrive(Instant now) {
        moveTo(FlightStatus.ARRIVED, "arrive");
        arrivedAt = now;
    }

    public void cancel(String reason, String note, Instant now) {
        moveTo(FlightStatus.CANCELLED, "be cancelled");
        cancelReason = reason;
        cancelNote = note;
        cancelledAt = now;
    }

    /**
     * Moves the departure, and the stopovers with it. Only before departure; a locked manifest
     * stays locked and every seat stays booked.
     *
     * @param plan the flight's plan with the new times, already checked as a whole
     * @return whether anything changed (the same times again change nothing)
     */
    public boolean reschedule(FlightPlan plan, String reason, String note, Instant now) {
        if (!status.beforeDeparture()) {
            throw new IllegalFlightTransition(flightNumber, status, "be rescheduled");
        }
        if (plan.departureAt().equals(departureAt) && plan.stopovers().equals(stopovers)) {
            return false;
        }
        departureAt = plan.departureAt();
        // Same airports in the same order (the plan checked it): each stop keeps its transit authorisation.
        List<Stopover> moved = new ArrayList<>();
        for (int i = 0; i < plan.stopovers().size(); i++) {
            moved.add(plan.stopovers().get(i).withTransitOf(stopovers.get(i)));
        }
        stopovers.clear();
        stopovers.addAll(moved);
        rescheduledAt = now;
        rescheduleReason = reason;
        rescheduleNote = note;
        return true;
    }

    /** The flight as planned now, to check a change against the same rules as scheduling. */
    public FlightPlan plan() {
        return new FlightPlan(flightNumber, operator, departureAirport, departureAt, stopovers, arrivalAirport,
                destinationCountry, seatCapacity, escortSeats);
    }

    /**
     * A case moved here takes a seat. The caller holds this flight's row lock, so the count is
     * exact; a full flight, or one no longer taking bookings, refuses.
     *
     * @param cap the destination rules' limit per flight the case was booked under, or null
     */
    public void seatTaken(Integer cap) {
        if (status != FlightStatus.SCHEDULED) {
            throw new IllegalFlightTransition(flightNumber, status, "take bookings");
        }
        int limit = cap == null ? getSeatsForReturnees() : Math.min(cap, getSeatsForReturnees());
        if (seatsBooked >= limit) {
            throw new FlightFull(this, limit);
        }
        seatsBooked++;
    }

    /** Refuses a per-passenger step unless the flight is in the status it needs. */
    public void requireStatus(FlightStatus needed, String action) {
        if (status != needed) {
            throw new IllegalFlightTransition(flightNumber, status, action + " (that needs " + needed + ")");
        }
    }

    /** Entries were struck: their seats are free again. */
    public void seatsFreed(int count) {
        if (count < 0 || count > seatsBooked) {
            throw new IllegalArgumentException("Cannot free " + count + " of " + seatsBooked + " booked seats");
        }
        seatsBooked -= count;
    }

    /**
     * The printed seat of the n-th returnee seat. Escorts sit in the first seats of the cabin,
     * six to a row, and returnees behind them: with five escorts, seat 1 is {@code 1F}.
     */
    public String seatLabel(int seatNumber) {
        return cabinSeat(escortSeats + seatNumber - 1);
    }

    /** The printed seats of the escorts: the first seats of the cabin, {@code 1A} onwards. */
    public List<String> escortSeatLabels() {
        return IntStream.range(0, escortSeats).mapToObj(Flight::cabinSeat).toList();
    }

    private static String cabinSeat(int cabinIndex) {
        return (cabinIndex / 6 + 1) + String.valueOf("ABCDEF".charAt(cabinIndex % 6));
    }

    private void moveTo(FlightStatus target, String action) {
        if (!status.mayMoveTo(target)) {
            throw new IllegalFlightTransition(flightNumber, status, action);
        }
        status = target;
    }

    public UUID getId() { return id; }
    public String getFlightNumber() { return flightNumber; }
    public String getOperator() { return operator; }
    public String getDepartureAirport() { return departureAirport; }
    public String getArrivalAirport() { return arrivalAirport; }
    public Instant getDepartureAt() { return departureAt; }
    public List<Stopover> getStopovers() { return List.copyOf(stopovers); }
    public List<String> getStopoverAirports() { return stopovers.stream().map(Stopover::airport).toList(); }
    public String getDestinationCountry() { return destinationCountry; }
    public int getSeatCapacity() { return seatCapacity; }
    public int getEscortSeats() { return escortSeats; }
    public int getSeatsForReturnees() { return seatCapacity - escortSeats; }
    public int getSeatsBooked() { return seatsBooked; }
    public int getSeatsAvailable() { return status == FlightStatus.SCHEDULED ? getSeatsForReturnees() - seatsBooked : 0; }
    public FlightStatus getStatus() { return status; }
    public Instant getScheduledAt() { return scheduledAt; }
    public Instant getManifestLockedAt() { return manifestLockedAt; }
    public Instant getDepartedAt() { return departedAt; }
    public Instant getArrivedAt() { return arrivedAt; }
    public Instant getCancelledAt() { return cancelledAt; }
    public String getCancelReason() { return cancelReason; }
    public String getCancelNote() { return cancelNote; }
    public Instant getOriginalDepartureAt() { return originalDepartureAt; }
    public Instant getRescheduledAt() { return rescheduledAt; }
    public String getRescheduleReason() { return rescheduleReason; }
    public String getRescheduleNote() { return rescheduleNote; }
    public List<String> getTransitRefusedNationalities() { return Stopover.split(transitRefused); }
}
