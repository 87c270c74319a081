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
import java.time.LocalDate;
import java.util.UUID;

/** A document the person can travel on, valid up to and including {@code validUntil} (S5). */
@Entity
@Table(name = "travel_document")
public class TravelDocument extends InvalidatableRecord {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TravelDocumentKind kind;
    @Column(nullable = false)
    private String number;
    @Column(name = "issuing_country", nullable = false, length = 3)
    private String issuingCountry;
    @Column(name = "valid_until", nullable = false)
    private LocalDate validUntil;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    protected TravelDocument() {
    }

    public TravelDocument(UUID id, Detainee detainee, TravelDocumentKind kind, String number, String issuingCountry,
                          LocalDate validUntil, Instant recordedAt, String recordedBy) {
        this.id = id;
        this.detainee = detainee;
        this.kind = kind;
        this.number = number;
        this.issuingCountry = issuingCountry;
        this.validUntil = validUntil;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    /** Valid up to and including {@code validUntil}, unless invalidated. */
    public boolean validOn(LocalDate date) {
        return !invalidated() && !date.isAfter(validUntil);
    }

    @Override
    public UUID id() { return id; }
    public TravelDocumentKind kind() { return kind; }
    public String number() { return number; }
    public String issuingCountry() { return issuingCountry; }
    public LocalDate validUntil() { return validUntil; }
    public Instant recordedAt() { return recordedAt; }
    public String recordedBy() { return recordedBy; }
}
