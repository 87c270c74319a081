package org.returnflow.detention.domain;

/** Why a person is moved to another facility; a code, never free text. */
public enum TransferReason {
    /** To the departure hub ahead of a flight. */
    STAGING_FOR_REMOVAL,
    /** The facility is full. */
    CAPACITY,
    /** For medical care. */
    MEDICAL,
    /** For the person's or others' safety. */
    SECURITY,
    /** Near a court hearing. */
    COURT_APPEARANCE,
    /** To be held near family members. */
    FAMILY_UNITY,
    /** Any other reason; the note says which. */
    OTHER
}
