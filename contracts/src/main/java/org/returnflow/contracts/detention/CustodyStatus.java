package org.returnflow.contracts.detention;

/** Where the person stands with detention. */
public enum CustodyStatus {
    /** Held in a facility detention serves. */
    IN_CUSTODY,
    /** Released from custody. */
    RELEASED,
    /** Removed from the country. */
    REMOVED
}
