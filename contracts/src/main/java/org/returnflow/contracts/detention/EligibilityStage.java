package org.returnflow.contracts.detention;

/** When eligibility is assessed: before booking, or again at manifest lock. */
public enum EligibilityStage {
    /** Before a seat is booked, for the earliest possible departure. */
    INITIAL,
    /** At manifest lock, for the departure date; property must be reconciled too. */
    FINAL
}
