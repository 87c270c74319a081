package org.returnflow.detention.domain;

/** Why a residence permit, travel document or fit-to-fly clearance no longer counts; a code, never free text. */
public enum InvalidationReason {
    /** Revoked by the authority that issued it. */
    REVOKED,
    /** Reported lost. */
    LOST,
    /** Reported stolen. */
    STOLEN,
    /** Damaged beyond use. */
    DAMAGED,
    /** Replaced by a newer record. */
    SUPERSEDED,
    /** A new assessment or decision contradicts it (for instance a later medical finding). */
    REASSESSED,
    /** Recorded by mistake. */
    RECORDED_IN_ERROR,
    /** Any other reason; the note says which. */
    OTHER
}
