package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.returnflow.workflow.process.ProcessConstants.Var;

/** The seat variables that SeatBooked sets, and their removal once the seat is gone. */
final class Seat {

    static final String FLIGHT_NUMBER = "flightNumber";
    static final String DEPARTURE_AIRPORT = "departureAirport";
    static final String STOPOVER_AIRPORTS = "stopoverAirports";
    static final String ARRIVAL_AIRPORT = "arrivalAirport";

    private Seat() {
    }

    static boolean held(VariableScope scope) {
        return scope.getVariable(Var.FLIGHT_ID) != null;
    }

    static void forget(VariableScope scope) {
        for (String name : new String[] {Var.FLIGHT_ID, Var.SEAT, Var.DEPARTURE_AT, FLIGHT_NUMBER, DEPARTURE_AIRPORT,
                STOPOVER_AIRPORTS, ARRIVAL_AIRPORT}) {
            scope.removeVariable(name);
        }
    }
}
