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
 * A claim of US citizenship or of a lawful status. While it is open, removal waits for its decision
 * (STATUS_CLAIM_PENDING, never overridden); it is decided once.
 */
@Entity
@Table(name = "status_claim")
public class StatusClaim extends Claim {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private StatusClaimKind claim;
    @Column(name = "evidence_reference", nullable = false)
    private String evidenceReference;
    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;
    @Column(name = "opened_by", nullable = false)
    private String openedBy;

    protected StatusClaim() {
    }

    StatusClaim(UUID id, Detainee detainee, StatusClaimKind claim, String evidenceReference, Instant openedAt,
                String openedBy) {
        this.id = id;
        this.detainee = detainee;
        this.claim = claim;
        this.evidenceReference = evidenceReference;
        this.openedAt = openedAt;
        this.openedBy = openedBy;
    }

    public UUID id() { return id; }
    public StatusClaimKind claim() { return claim; }
    public String evidenceReference() { return evidenceReference; }
    public Instant openedAt() { return openedAt; }
    public String openedBy() { return openedBy; }
}
