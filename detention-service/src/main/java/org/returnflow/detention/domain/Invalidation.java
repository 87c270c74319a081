package org.returnflow.detention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Instant;
import java.util.Objects;

/**
 * That a permit, travel document or clearance no longer counts: when, by whom and why. Absent
 * (all columns null) while the record counts; once made it is never changed (a trigger refuses it).
 */
@Embeddable
public class Invalidation {

    @Column(name = "invalidated_at")
    private Instant at;
    @Column(name = "invalidated_by")
    private String by;
    @Enumerated(EnumType.STRING)
    @Column(name = "invalidation_reason")
    private InvalidationReason reason;
    @Column(name = "invalidation_note")
    private String note;

    protected Invalidation() {
    }

    public Invalidation(InvalidationReason reason, String note, Instant at, String by) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.note = note;
        this.at = Objects.requireNonNull(at, "at");
        this.by = Objects.requireNonNull(by, "by");
    }

    public Instant at() { return at; }
    public String by() { return by; }
    public InvalidationReason reason() { return reason; }
    public String note() { return note; }
}
