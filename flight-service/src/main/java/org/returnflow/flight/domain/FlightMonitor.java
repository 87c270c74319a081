package org.returnflow.flight.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An independent monitor assigned to a charter flight: the monitor's client id, when it was
 * assigned and by whom, when it boarded and, once the assignment ended, when and why. Kept after it
 * ends, so the record of who monitored a flight is never lost.
 */
@Entity
@Table(name = "flight_monitor")
public class FlightMonitor {

    @Id
    private UUID id;

    @Column(name = "flight_id", nullable = false)
    private UUID flightId;

    @Column(name = "monitor_id", nullable = false)
    private String monitorId;

    @Column(name = "assigned_at", nullable = false)
    private Instant assignedAt;

    @Column(name = "assigned_by", nullable = false)
    private String assignedBy;

    @Column(name = "boarded_at")
    private Instant boardedAt;

    @Column(name = "unassigned_at")
    private Instant unassignedAt;

    @Column(name = "unassign_reason")
    private String unassignReason;

    protected FlightMonitor() {
    }

    public FlightMonitor(UUID flightId, String monitorId, Instant assignedAt, String assignedBy) {
        this.id = UUID.randomUUID();
        this.flightId = Objects.requireNonNull(flightId, "flightId");
        this.monitorId = Objects.requireNonNull(monitorId, "monitorId");
        this.assignedAt = Objects.requireNonNull(assignedAt, "assignedAt");
        this.assignedBy = Objects.requireNonNull(assignedBy, "assignedBy");
    }

    public boolean isActive() {
        return unassignedAt == null;
    }

    public boolean hasBoarded() {
        return boardedAt != null;
    }

    /** The monitor is on board; a second time changes nothing. */
    boolean board(Instant now) {
        if (hasBoarded()) {
            return false;
        }
        boardedAt = now;
        return true;
    }

    void unassign(String reason, Instant now) {
        unassignReason = Objects.requireNonNull(reason, "reason");
        unassignedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getFlightId() { return flightId; }
    public String getMonitorId() { return monitorId; }
    public Instant getAssignedAt() { return assignedAt; }
    public String getAssignedBy() { return assignedBy; }
    public Instant getBoardedAt() { return boardedAt; }
    public Instant getUnassignedAt() { return unassignedAt; }
    public String getUnassignReason() { return unassignReason; }
}
