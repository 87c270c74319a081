package org.returnflow.flight.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.returnflow.platform.web.ConflictException;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One case on a flight's manifest: its seat, and then boarding and handover. An entry is never
 * deleted: taking someone off the flight strikes the entry with a reason and a time.
 */
@Entity
@Table(name = "manifest_entry")
public class ManifestEntry {

    /** Reason for the entries of a cancelled flight. */
    public static final String FLIGHT_CANCELLED = "FLIGHT_CANCELLED";
    /** Reason for active entries that had not boarded when the flight departed. */
    public static final String NOT_BOARDED = "NOT_BOARDED";
    /** Reason for an entry an agency took off the flight; the agency's own code is kept beside it. */
    public static final String OFFLOADED = "OFFLOADED";
    /** Reason for an entry an agency moved to another flight; the entry names that flight. */
    public static final String MOVED = "MOVED";
    /** Reason for an entry whose nationality a stopover's transit authorisation refuses. */
    public static final String TRANSIT_REFUSED = "TRANSIT_REFUSED";

    @Id
    private UUID id;

    @Column(name = "flight_id", nullable = false)
    private UUID flightId;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "seat_number", nullable = false)
    private int seatNumber;

    @Column(nullable = false)
    private String seat;

    @Column(name = "booked_at", nullable = false)
    private Instant bookedAt;

    @Column(name = "boarded_at")
    private Instant boardedAt;

    @Column(name = "handed_over_at")
    private Instant handedOverAt;

    @Column(name = "received_by")
    private String receivedBy;

    @Column(name = "struck_at")
    private Instant struckAt;

    @Column(name = "reason_struck")
    private String reasonStruck;

    @Column(name = "agency_reason")
    private String agencyReason;

    @Column(name = "moved_to_flight_id")
    private UUID movedToFlightId;

    @Column(name = "max_per_flight")
    private Integer maxPerFlight;

    @Column(name = "nationality")
    private String nationality;

    @Column(name = "facility_code", updatable = false)
    private String facilityCode;

    protected ManifestEntry() {
    }

    /**
     * @param maxPerFlight the destination rules' limit per flight the case is booked under, or null;
     *                     a later move keeps to it
     * @param nationality  the person's nationality (ISO alpha-3) from BookSeat, or null when not known;
     *                     transit refusals apply to it
     * @param facilityCode the facility holding the person from BookSeat, or null when not known; a
     *                     facility-scoped client reaches the entry only when it is one of its own
     */
    public ManifestEntry(UUID flightId, UUID caseId, int seatNumber, String seat, Instant bookedAt,
                         Integer maxPerFlight, String nationality, String facilityCode) {
        this.id = UUID.randomUUID();
        this.facilityCode = facilityCode;
        this.maxPerFlight = maxPerFlight;
        this.nationality = nationality;
        this.flightId = Objects.requireNonNull(flightId, "flightId");
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        this.seatNumber = seatNumber;
        this.seat = Objects.requireNonNull(seat, "seat");
        this.bookedAt = Objects.requireNonNull(bookedAt, "bookedAt");
    }

    public boolean isActive() {
        return struckAt == null;
    }

    public boolean hasBoarded() {
        return boardedAt != null;
    }

    /** Takes the case off the flight, keeping the entry with the reason and the time. */
    public void strike(String reason, Instant now) {
        if (!isActive()) {
            throw new IllegalStateException("Entry of case " + caseId + " is already struck");
        }
        reasonStruck = Objects.requireNonNull(reason, "reason");
        struckAt = now;
    }

    /** An agency took the person off the flight, for its own reason (a code, kept here, never published). */
    public void offload(String agencyReason, Instant now) {
        strike(OFFLOADED, now);
        this.agencyReason = Objects.requireNonNull(agencyReason, "agencyReason");
    }

    /** An agency moved the case to another flight, for its own reason (a code, kept here, never published). */
    public void moveTo(UUID flightId, String agencyReason, Instant now) {
        if (hasBoarded()) {
            throw new ConflictException("Case " + caseId + " has boarded (at " + boardedAt
                    + "): offload the person before booking another flight");
        }
        strike(MOVED, now);
        this.agencyReason = Objects.requireNonNull(agencyReason, "agencyReason");
        this.movedToFlightId = Objects.requireNonNull(flightId, "flightId");
    }

    public void board(String flightNumber, Instant now) {
        if (hasBoarded()) {
            throw new ConflictException(
                    "Case " + caseId + " has already boarded flight " + flightNumber + " at " + boardedAt);
        }
        boardedAt = now;
    }

    public void handOver(String flightNumber, String receiver, Instant now) {
        if (!hasBoarded()) {
            throw new ConflictException(
                    "Case " + caseId + " did not board flight " + flightNumber + ": there is nobody to hand over");
        }
        if (handedOverAt != null) {
            throw new ConflictException(
                    "Case " + caseId + " was already handed over at " + handedOverAt);
        }
        receivedBy = Objects.requireNonNull(receiver, "receiver");
        handedOverAt = now;
    }

    public UUID getId() { return id; }
    public UUID getFlightId() { return flightId; }
    public UUID getCaseId() { return caseId; }
    public int getSeatNumber() { return seatNumber; }
    public String getSeat() { return seat; }
    public Instant getBookedAt() { return bookedAt; }
    public Instant getBoardedAt() { return boardedAt; }
    public Instant getHandedOverAt() { return handedOverAt; }
    public String getReceivedBy() { return receivedBy; }
    public Instant getStruckAt() { return struckAt; }
    public String getReasonStruck() { return reasonStruck; }
    public String getAgencyReason() { return agencyReason; }
    public UUID getMovedToFlightId() { return movedToFlightId; }
    public Integer getMaxPerFlight() { return maxPerFlight; }
    public String getNationality() { return nationality; }
    public String getFacilityCode() { return facilityCode; }
}
