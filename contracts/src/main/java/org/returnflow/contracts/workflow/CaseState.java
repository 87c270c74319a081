package org.returnflow.contracts.workflow;

/** Where a removal case stands. REMOVED and WITHDRAWN are final. */
public enum CaseState {
    OPEN,
    ELIGIBILITY_CHECK,
    LEGAL_REVIEW,
    AWAITING_CONSENT,
    AWAITING_SEAT,
    BOOKED,
    NOTIFIED,
    BOARDED,
    REMOVED,
    WITHDRAWN
}
