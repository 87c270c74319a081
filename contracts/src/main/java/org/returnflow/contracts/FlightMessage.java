package org.returnflow.contracts;

import java.util.UUID;

/** A message about one charter flight; flight-level events are keyed by their flightId. */
public interface FlightMessage extends Message {

    /** The flight this message is about. */
    UUID flightId();
}
