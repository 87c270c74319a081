package org.returnflow.detention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A medical assessment of whether the person may fly, valid from the assessment to {@code validUntil} (S5). */
@Entity
@Table(name = "medical_clearance")
public class MedicalClearance extends InvalidatableRecord {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Column(name = "fit_to_fly", nullable = false)
    private boolean fitToFly;
    @Column(name = "assessed_on", nullable = false)
    private LocalDate assessedOn;
    @Column(name = "valid_until", nullable = false)
    private LocalDate validUntil;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    protected MedicalClearance() {
    }

    public MedicalClearance(UUID id, Detainee detainee, boolean fitToFly, LocalDate assessedOn, LocalDate validUntil,
                            Instant recordedAt, String recordedBy) {
        if (validUntil.isBefore(assessedOn)) {
            throw new IllegalArgumentException("validUntil is before assessedOn");
        }
        this.id = id;
        this.detainee = detainee;
        this.fitToFly = fitToFly;
        this.assessedOn = assessedOn;
        this.validUntil = validUntil;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    /** Clears the person to fly on a date: found fit, assessed on or before it, not expired and not invalidated. */
    public boolean clearsOn(LocalDate date) {
        return !invalidated() && fitToFly && !date.isBefore(assessedOn) && !date.isAfter(validUntil);
    }

    @Override
    public UUID id() { return id; }
    public boolean fitToFly() { return fitToFly; }
    public LocalDate assessedOn() { return assessedOn; }
    public LocalDate validUntil() { return validUntil; }
    public Instant recordedAt() { return recordedAt; }
    public String recordedBy() { return recordedBy; }
}
