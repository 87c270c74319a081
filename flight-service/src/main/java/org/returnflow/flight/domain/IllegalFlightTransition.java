package org.returnflow.flight.domain;

import org.returnflow.platform.web.ConflictException;

/** A lifecycle step the flight's current status does not allow; answers 409 naming that status. */
public class IllegalFlightTransition extends ConflictException {

    private final FlightStatus currentStatus;

    public IllegalFlightTransition(String flightNumber, FlightStatus currentStatus, String action) {
        super("Flight " + flightNumber + " is " + currentStatus + ": it cannot " + action);
        this.currentStatus = currentStatus;
    }

    public FlightStatus currentStatus() {
        return currentStatus;
    }
}
