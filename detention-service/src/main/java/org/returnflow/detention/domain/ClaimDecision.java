package org.returnflow.detention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Instant;

/**
 * The decision of a status or fear claim: its outcome and reference, when, by whom (the verified
 * principal) and, when the client acts for a person, for whom. Made once; the database refuses any
 * later change.
 */
@Embeddable
public class ClaimDecision {

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome")
    private ClaimOutcome outcome;
    @Column(name = "decision_reference")
    private String reference;
    @Column(name = "decided_at")
    private Instant at;
    @Column(name = "decided_by")
    private String by;
    @Column(name = "decided_on_behalf_of")
    private String onBehalfOf;

    protected ClaimDecision() {
    }

    public ClaimDecision(ClaimOutcome outcome, String reference, Instant at, String by, String onBehalfOf) {
        this.outcome = outcome;
        this.reference = reference;
        this.at = at;
        this.by = by;
        this.onBehalfOf = onBehalfOf;
    }

    public ClaimOutcome outcome() { return outcome; }
    public String reference() { return reference; }
    public Instant at() { return at; }
    public String by() { return by; }
    public String onBehalfOf() { return onBehalfOf; }
}
