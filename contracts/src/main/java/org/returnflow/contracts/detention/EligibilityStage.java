package org.returnflow.contracts.detention;

/** When eligibility is assessed: before booking, again at manifest lock, or to verify again in between. */
public enum EligibilityStage {
    /** Before a seat is booked, for the earliest possible departure. */
    INITIAL,
    /** At manifest lock, for the departure date; property must be reconciled too. */
    FINAL,
    /**
     * Verified again while the case waits (a record changed that may create a blocker, or the
     * departure comes near), for the departure of the seat held, else the earliest possible one.
     * Property is not yet required to be packed.
     */
    REVERIFY
}
