package org.returnflow.contracts.workflow;

/**
 * Where a removal case stands. REMOVED and WITHDRAWN are final. SUSPENDED: an agency put the case
 * on hold; it holds no seat and is booked nowhere until it is resumed.
 */
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
    WITHDRAWN,
    SUSPENDED
}
