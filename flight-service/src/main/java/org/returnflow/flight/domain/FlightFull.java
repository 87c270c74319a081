package org.returnflow.flight.domain;

import org.returnflow.platform.web.ConflictException;

/** No seat left on a flight for one more case; answers 409 naming the field that chose the flight. */
public class FlightFull extends ConflictException {

    public FlightFull(Flight flight, int limit) {
        super("Flight " + flight.getFlightNumber() + " is full: " + flight.getSeatsBooked() + " of " + limit
                + " seats for returnees are booked", "toFlightId");
    }
}
