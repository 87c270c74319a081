package org.returnflow.contracts.notification;

/** Which notice to send. */
public enum TemplateKey {
    /** A seat was booked: flight and departure. */
    CASE_BOOKED,
    /** The person was taken out of the operation. */
    CASE_WITHDRAWN,
    /** The flight changed: rebooked or cancelled. */
    FLIGHT_CHANGED
}
