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

/** A residence permit; while it is valid the person may not be removed without a reviewed override (S2). */
@Entity
@Table(name = "residence_permit")
public class ResidencePermit extends InvalidatableRecord {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Column(nullable = false)
    private String type;
    @Column(nullable = false)
    private String number;
    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;
    @Column(name = "valid_until", nullable = false)
    private LocalDate validUntil;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    protected ResidencePermit() {
    }

    public ResidencePermit(UUID id, Detainee detainee, String type, String number, LocalDate validFrom,
                           LocalDate validUntil, Instant recordedAt, String recordedBy) {
        if (validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("validUntil is before validFrom");
        }
        this.id = id;
        this.detainee = detainee;
        this.type = type;
        this.number = number;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    /** Valid from its first to its last day, both included, unless invalidated. */
    public boolean validOn(LocalDate date) {
        return !invalidated() && !date.isBefore(validFrom) && !date.isAfter(validUntil);
    }

    @Override
    public UUID id() { return id; }
    public String type() { return type; }
    public String number() { return number; }
    public LocalDate validFrom() { return validFrom; }
    public LocalDate validUntil() { return validUntil; }
    public Instant recordedAt() { return recordedAt; }
    public String recordedBy() { return recordedBy; }
}
