package org.returnflow.contracts.detention;

/**
 * What changed in a custody record, as {@link DetaineeRecordChanged} reports it. Whether the
 * change can create a blocker for an open case travels beside it as {@code mayBlock}.
 */
public enum DetaineeRecordChange {
    /** The person was released from custody (custody RELEASED); an open case now meets NOT_IN_CUSTODY. */
    CUSTODY_RELEASED,
    /** The person was moved to another facility. */
    TRANSFERRED,
    /** The removal order became final (it was absent or not final before). */
    REMOVAL_ORDER_FINAL,
    /** The removal order was added, corrected, made not final or removed. */
    REMOVAL_ORDER_CHANGED,
    /** A residence permit was recorded. */
    PERMIT_ADDED,
    /** A residence permit was invalidated; it no longer counts. */
    PERMIT_INVALIDATED,
    /** A travel document was recorded. */
    TRAVEL_DOCUMENT_ADDED,
    /** A travel document was invalidated; it no longer counts. */
    TRAVEL_DOCUMENT_INVALIDATED,
    /** A fit-to-fly assessment was recorded. */
    CLEARANCE_ADDED,
    /** A fit-to-fly clearance was invalidated; it no longer counts. */
    CLEARANCE_INVALIDATED,
    /** Counsel of record was added, changed or removed. */
    COUNSEL_CHANGED,
    /** The person's preferred language changed. */
    LANGUAGE_CHANGED,
    /** A guardian was linked to this minor. */
    GUARDIAN_LINKED,
    /** This minor's linked guardian left custody. */
    GUARDIAN_LEFT_CUSTODY,
    /** A claim of US citizenship or lawful status was recorded; an open case now meets STATUS_CLAIM_PENDING. */
    STATUS_CLAIM_OPENED,
    /**
     * A status claim was decided (reasonCode UPHELD or REJECTED). UPHELD also releases the person
     * from custody (a separate CUSTODY_RELEASED, reason STATUS_CLAIM_UPHELD).
     */
    STATUS_CLAIM_DECIDED
}
