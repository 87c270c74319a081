package org.returnflow.detention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A transfer to another facility or a release from custody: where from, where to, why, when and by
 * whom. History only: the database refuses to change or delete one.
 */
@Entity
@Table(name = "custody_movement")
public class CustodyMovement {

    /** What kind of movement. */
    public enum Kind { TRANSFER, RELEASE }

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;
    @Column(name = "from_facility", nullable = false, updatable = false)
    private String fromFacility;
    @Column(name = "to_facility", updatable = false)
    private String toFacility;
    @Column(nullable = false, updatable = false)
    private String reason;
    @Column(updatable = false)
    private String note;
    @Column(name = "moved_at", nullable = false, updatable = false)
    private Instant movedAt;
    @Column(name = "moved_by", nullable = false, updatable = false)
    private String movedBy;

    protected CustodyMovement() {
    }

    CustodyMovement(UUID id, Detainee detainee, Kind kind, String toFacility, String reason, String note, Instant at,
                    String by) {
        this.id = id;
        this.detainee = detainee;
        this.kind = kind;
        this.fromFacility = detainee.facilityCode();
        this.toFacility = toFacility;
        this.reason = reason;
        this.note = note;
        this.movedAt = at;
        this.movedBy = by;
    }

    public UUID id() { return id; }
    public Kind kind() { return kind; }
    public String fromFacility() { return fromFacility; }
    public String toFacility() { return toFacility; }
    public String reason() { return reason; }
    public String note() { return note; }
    public Instant movedAt() { return movedAt; }
    public String movedBy() { return movedBy; }
}
