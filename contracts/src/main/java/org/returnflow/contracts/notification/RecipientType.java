package org.returnflow.contracts.notification;

/** Who a notification goes to. */
public enum RecipientType {
    /** The person, in their language. */
    DETAINEE,
    /** Counsel of record. */
    COUNSEL,
    /** The receiving state's consulate. */
    CONSULATE
}
