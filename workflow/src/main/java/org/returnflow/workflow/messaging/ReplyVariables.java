package org.returnflow.workflow.messaging;

/**
 * Variable names the replies set beyond those in {@code ProcessConstants.Var}: the flight details
 * of a booked seat, and the local variables of a notification's receive task.
 */
public final class ReplyVariables {

    private ReplyVariables() {
    }

    /** From SeatBooked: strings; stopovers comma-separated, e.g. {@code DOH}. */
    public static final String FLIGHT_NUMBER = "flightNumber";
    public static final String DEPARTURE_AIRPORT = "departureAirport";
    public static final String STOPOVER_AIRPORTS = "stopoverAirports";
    public static final String ARRIVAL_AIRPORT = "arrivalAirport";

    /** Local variable of each notification's receive task: DETAINEE, COUNSEL or CONSULATE. */
    public static final String RECIPIENT_TYPE = "recipientType";
    /** Local, set from NotificationDelivered: ISO-8601 instant. */
    public static final String DELIVERED_AT = "deliveredAt";
    /** Local, set from NotificationFailed: an upper-case code such as NO_CONSULATE_ADDRESS. */
    public static final String FAILURE_REASON = "failureReason";
}
