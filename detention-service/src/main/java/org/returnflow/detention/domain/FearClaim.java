package org.returnflow.detention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A fear claim about a destination: the person fears persecution or torture there. It is recorded
 * whenever it is made, inside the notice window or after it, and is a legal hold of kind
 * PROTECTION_CLAIM from that moment; only its decision lifts the hold, and only when it is rejected.
 */
@Entity
@Table(name = "fear_claim")
public class FearClaim extends Claim {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Column(name = "destination_country", nullable = false, length = 3)
    private String destinationCountry;
    @Column(name = "made_on", nullable = false)
    private LocalDate madeOn;
    @Column(name = "reference")
    private String reference;
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "hold_id")
    private LegalHold hold;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    protected FearClaim() {
    }

    FearClaim(UUID id, Detainee detainee, String destinationCountry, LocalDate madeOn, String reference,
              LegalHold hold, Instant recordedAt, String recordedBy) {
        this.id = id;
        this.detainee = detainee;
        this.destinationCountry = destinationCountry;
        this.madeOn = madeOn;
        this.reference = reference;
        this.hold = hold;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    public UUID id() { return id; }
    public String destinationCountry() { return destinationCountry; }
    public LocalDate madeOn() { return madeOn; }
    public String reference() { return reference; }
    public LegalHold hold() { return hold; }
    public Instant recordedAt() { return recordedAt; }
    public String recordedBy() { return recordedBy; }
}
