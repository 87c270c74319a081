package org.returnflow.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/**
 * The person's decision on one consent request, with who recorded it, in what language, with
 * which interpreter and on what evidence. Written once; the database refuses any change.
 */
@Entity
@Immutable
@Table(name = "consent_decision")
public class ConsentDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "consent_id", nullable = false)
    private UUID consentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Decision decision;

    /** The officer's identifier, as typed. */
    @Column(nullable = false)
    private String officer;

    private String language;

    private String interpreter;

    @Column(name = "evidence_sha256")
    private String evidenceSha256;

    @Column(name = "days_in_detention", nullable = false)
    private int daysInDetention;

    @Column(name = "review_required", nullable = false)
    private boolean reviewRequired;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    /** The authenticated client that recorded it. */
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    protected ConsentDecision() {
    }

    ConsentDecision(UUID consentId, DecisionInput input, int daysInDetention, boolean reviewRequired,
                    Instant decidedAt, String recordedBy) {
        this.consentId = consentId;
        this.decision = input.decision();
        this.officer = input.officer();
        this.language = input.language();
        this.interpreter = input.interpreter();
        this.evidenceSha256 = input.evidenceSha256();
        this.daysInDetention = daysInDetention;
        this.reviewRequired = reviewRequired;
        this.decidedAt = decidedAt;
        this.recordedBy = recordedBy;
    }

    public UUID id() { return id; }
    public UUID consentId() { return consentId; }
    public Decision decision() { return decision; }
    public String officer() { return officer; }
    public String language() { return language; }
    public String interpreter() { return interpreter; }
    public String evidenceSha256() { return evidenceSha256; }
    public int daysInDetention() { return daysInDetention; }
    public boolean reviewRequired() { return reviewRequired; }
    public Instant decidedAt() { return decidedAt; }
    public String recordedBy() { return recordedBy; }
}
