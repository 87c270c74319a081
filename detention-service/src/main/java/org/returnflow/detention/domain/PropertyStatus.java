package org.returnflow.detention.domain;

/** Where a property item stands: HELD → PACKED → HANDED_OVER, or RETURNED to the person. */
public enum PropertyStatus {
    /** In safekeeping at the facility. */
    HELD,
    /** Packed to travel with the person. */
    PACKED,
    /** Handed over with the person at the destination. */
    HANDED_OVER,
    /** Given back to the person. */
    RETURNED;

    /** Reconciled for departure (S9): it travels with the person or is already back with them. */
    public boolean reconciled() {
        return this != HELD;
    }
}
