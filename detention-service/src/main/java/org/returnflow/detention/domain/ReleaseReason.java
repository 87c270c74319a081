package org.returnflow.detention.domain;

/** Why a person leaves custody; a code, never free text. */
public enum ReleaseReason {
    /** Released on bond. */
    BOND,
    /** Released on parole. */
    PAROLE,
    /** Released on their own recognizance. */
    RECOGNIZANCE,
    /** Released under an order of supervision. */
    ORDER_OF_SUPERVISION,
    /** A court ordered the release. */
    COURT_ORDER,
    /** Relief from removal was granted. */
    RELIEF_GRANTED,
    /** Detention reached its lawful limit. */
    DETENTION_LIMIT_REACHED,
    /** For medical reasons. */
    MEDICAL,
    /** Any other reason; the note says which. */
    OTHER,
    /**
     * A claim of US citizenship or lawful status was upheld: nothing is left to hold the person for.
     * Set only by that decision ({@code POST .../status-claims/{claimId}/decision}), never by {@code /release}.
     */
    STATUS_CLAIM_UPHELD
}
