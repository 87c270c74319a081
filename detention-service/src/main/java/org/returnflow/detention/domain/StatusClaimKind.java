package org.returnflow.detention.domain;

/** What a person claims that bars their removal: US citizenship or a lawful status. A code, never free text. */
public enum StatusClaimKind {
    /** A citizen of the United States (by birth, derivation or naturalisation). */
    US_CITIZENSHIP,
    /** A non-citizen national of the United States. */
    US_NATIONALITY,
    /** A lawful permanent resident. */
    LAWFUL_PERMANENT_RESIDENCE,
    /** Admitted as a refugee. */
    REFUGEE_STATUS,
    /** Granted asylum. */
    ASYLEE_STATUS,
    /** Temporary protected status. */
    TEMPORARY_PROTECTED_STATUS,
    /** Another lawful status; the evidence reference says which file. */
    OTHER_LAWFUL_STATUS
}
