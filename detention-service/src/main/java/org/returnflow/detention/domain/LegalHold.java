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
import org.returnflow.contracts.detention.LegalHoldKind;

import java.time.Instant;
import java.util.UUID;

/**
 * A legal proceeding that bars removal while it is active (S1). It stays active until lifted, and
 * a lifted hold keeps when, by whom and why; it is never lifted twice.
 */
@Entity
@Table(name = "legal_hold")
public class LegalHold {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LegalHoldKind kind;
    @Column(nullable = false)
    private String reference;
    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;
    @Column(name = "placed_by", nullable = false)
    private String placedBy;
    @Column(name = "lifted_at")
    private Instant liftedAt;
    @Column(name = "lifted_by")
    private String liftedBy;
    @Column(name = "lift_reason")
    private String liftReason;

    protected LegalHold() {
    }

    public LegalHold(UUID id, Detainee detainee, LegalHoldKind kind, String reference, Instant placedAt,
                     String placedBy) {
        this.id = id;
        this.detainee = detainee;
        this.kind = kind;
        this.reference = reference;
        this.placedAt = placedAt;
        this.placedBy = placedBy;
    }

    public boolean active() {
        return liftedAt == null;
    }

    /** Lifts the hold; refuses a second lifting, which would rewrite history. */
    void lift(String reason, Instant at, String by) {
        if (!active()) {
            throw new IllegalStateException("Legal hold " + id + " was lifted already");
        }
        this.liftReason = reason;
        this.liftedAt = at;
        this.liftedBy = by;
    }

    public UUID id() { return id; }
    public LegalHoldKind kind() { return kind; }
    public String reference() { return reference; }
    public Instant placedAt() { return placedAt; }
    public String placedBy() { return placedBy; }
    public Instant liftedAt() { return liftedAt; }
    public String liftedBy() { return liftedBy; }
    public String liftReason() { return liftReason; }
}
