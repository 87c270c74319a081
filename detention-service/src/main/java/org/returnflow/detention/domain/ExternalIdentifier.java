package org.returnflow.detention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One of a person's external identifiers, one per scheme. The database refuses a second person
 * with the same identifier ({@code external_identifier_names_one_person}).
 */
@Entity
@Table(name = "external_identifier")
public class ExternalIdentifier {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Column(nullable = false, updatable = false)
    private String scheme;
    @Column(nullable = false)
    private String value;
    @Column(name = "value_key", nullable = false)
    private String valueKey;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    protected ExternalIdentifier() {
    }

    ExternalIdentifier(UUID id, Detainee detainee, ExternalId externalId, Instant at, String by) {
        this.id = id;
        this.detainee = detainee;
        this.scheme = externalId.scheme();
        this.value = externalId.value();
        this.valueKey = externalId.key();
        this.recordedAt = at;
        this.recordedBy = by;
    }

    /** Corrects the value in place, so the one-per-scheme constraint never sees two rows. */
    void correct(ExternalId externalId, Instant at, String by) {
        this.value = externalId.value();
        this.valueKey = externalId.key();
        this.recordedAt = at;
        this.recordedBy = by;
    }

    public UUID id() { return id; }
    public String scheme() { return scheme; }
    public String value() { return value; }
    public ExternalId externalId() { return new ExternalId(scheme, value); }
    public Instant recordedAt() { return recordedAt; }
    public String recordedBy() { return recordedBy; }
}
