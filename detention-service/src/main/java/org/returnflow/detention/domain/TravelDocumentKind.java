package org.returnflow.detention.domain;

/** The document a person travels on. */
public enum TravelDocumentKind {
    PASSPORT,
    EMERGENCY_TRAVEL_DOCUMENT,
    LAISSEZ_PASSER,
    IDENTITY_CARD
}
