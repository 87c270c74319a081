package org.returnflow.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** A case whose person boarded, learnt from PassengerBoarded: its consent can no longer be withdrawn. */
@Entity
@Immutable
@Table(name = "boarded_case")
public class BoardedCase {

    @Id
    @Column(name = "case_id")
    private UUID caseId;

    @Column(name = "flight_id", nullable = false)
    private UUID flightId;

    @Column(name = "boarded_at", nullable = false)
    private Instant boardedAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected BoardedCase() {
    }

    public BoardedCase(UUID caseId, UUID flightId, Instant boardedAt, Instant recordedAt) {
        this.caseId = caseId;
        this.flightId = flightId;
        this.boardedAt = boardedAt;
        this.recordedAt = recordedAt;
    }

    public UUID caseId() { return caseId; }
    public UUID flightId() { return flightId; }
    public Instant boardedAt() { return boardedAt; }
}
