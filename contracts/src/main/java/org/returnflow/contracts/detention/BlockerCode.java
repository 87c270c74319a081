package org.returnflow.contracts.detention;

/** Why a person may not be removed on a date. */
public enum BlockerCode {
    NO_FINAL_ORDER,
    ACTIVE_LEGAL_HOLD,
    VALID_RESIDENCE_PERMIT,
    NO_TRAVEL_DOCUMENT,
    NOT_FIT_TO_FLY,
    NOT_IN_CUSTODY,
    UNACCOMPANIED_MINOR,
    THIRD_COUNTRY_NOT_AGREED,
    PROPERTY_NOT_RECONCILED,
    /**
     * A claim of US citizenship or of a lawful status is open: removal waits for its decision.
     * Never overridden; it clears only when the claim is decided.
     */
    STATUS_CLAIM_PENDING;

    /**
     * Whether a legal review may proceed past this blocker, with a supervisor approval from a
     * different user. Every other blocker clears only when the record is fixed.
     */
    public boolean overridable() {
        return this == VALID_RESIDENCE_PERMIT || this == UNACCOMPANIED_MINOR;
    }
}
