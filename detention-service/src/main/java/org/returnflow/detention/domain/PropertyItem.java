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

/** Property or an identity document held in custody, which must travel with the person (S9). */
@Entity
@Table(name = "property_item")
public class PropertyItem {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detainee_id")
    private Detainee detainee;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PropertyKind kind;
    @Column(nullable = false)
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PropertyStatus status;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected PropertyItem() {
    }

    public PropertyItem(UUID id, Detainee detainee, PropertyKind kind, String description, Instant at, String by) {
        this.id = id;
        this.detainee = detainee;
        this.kind = kind;
        this.description = description;
        this.status = PropertyStatus.HELD;
        this.recordedAt = at;
        this.recordedBy = by;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    /** Moves the item on; only HELD → PACKED, HELD|PACKED → RETURNED and HELD|PACKED → HANDED_OVER are allowed. */
    void moveTo(PropertyStatus next, Instant at, String by) {
        boolean allowed = switch (next) {
            case PACKED -> status == PropertyStatus.HELD;
            case RETURNED, HANDED_OVER -> status == PropertyStatus.HELD || status == PropertyStatus.PACKED;
            case HELD -> false;
        };
        if (!allowed) {
            throw new IllegalStateException("Property item " + id + " is " + status + " and cannot become " + next);
        }
        this.status = next;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public UUID id() { return id; }
    public PropertyKind kind() { return kind; }
    public String description() { return description; }
    public PropertyStatus status() { return status; }
    public Instant recordedAt() { return recordedAt; }
    public String recordedBy() { return recordedBy; }
    public Instant updatedAt() { return updatedAt; }
    public String updatedBy() { return updatedBy; }
}
