package org.returnflow.contracts.notification;

/** Which notice to send. */
public enum TemplateKey {
    /** A seat was booked: flight and departure. */
    CASE_BOOKED,
    /** The person was taken out of the operation. */
    CASE_WITHDRAWN,
    /** The flight changed: rebooked or cancelled. */
    FLIGHT_CHANGED,
    /**
     * Written notice of the destination: the country the person is to be removed to, that they may
     * make a fear claim until the window ends, and how to reach counsel. Data: destinationCountry
     * (ISO 3166-1 alpha-3) and windowEndsAt (ISO 8601 instant); no flight.
     */
    DESTINATION_NOTICE
}
