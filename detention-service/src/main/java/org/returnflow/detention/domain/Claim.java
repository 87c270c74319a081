package org.returnflow.detention.domain;

import jakarta.persistence.Embedded;
import jakarta.persistence.MappedSuperclass;

import java.util.Optional;

/** A claim that bars removal until it is decided, once: a status claim or a fear claim. */
@MappedSuperclass
public abstract class Claim {

    @Embedded
    private ClaimDecision decision;

    /** Open until decided; an embedded decision whose columns are all null is no decision. */
    public boolean open() {
        return decision == null || decision.outcome() == null;
    }

    /** Records the decision; refuses a second one, which would rewrite history. */
    void decide(ClaimDecision made) {
        if (!open()) {
            throw new IllegalStateException(getClass().getSimpleName() + " was decided already");
        }
        this.decision = made;
    }

    public Optional<ClaimDecision> decision() {
        return open() ? Optional.empty() : Optional.of(decision);
    }
}
