package org.returnflow.detention.domain;

import jakarta.persistence.Embedded;
import jakarta.persistence.MappedSuperclass;

import java.util.Optional;
import java.util.UUID;

/**
 * A record attached to a person (permit, travel document, clearance) that can be invalidated once
 * and then no longer counts for eligibility. It is kept, with when, by whom and why.
 */
@MappedSuperclass
public abstract class InvalidatableRecord {

    @Embedded
    private Invalidation invalidation;

    public abstract UUID id();

    /** The invalidation, when the record no longer counts. */
    public Optional<Invalidation> invalidation() {
        return Optional.ofNullable(invalidation);
    }

    public boolean invalidated() {
        return invalidation != null;
    }

    /** Marks the record invalid; refuses a second invalidation, which would rewrite history. */
    void invalidate(Invalidation invalidation) {
        if (this.invalidation != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " " + id() + " was invalidated already");
        }
        this.invalidation = invalidation;
    }
}
