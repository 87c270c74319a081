package org.returnflow.flight.api;

import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/flights/{id}/cancel}.
 *
 * @param reason upper-case code that goes out in {@code FlightCancelled}, e.g. {@code AIRCRAFT_UNAVAILABLE}
 * @param note   optional free text, kept in the flight record and never published
 */
record CancelFlightRequest(@ReasonCode String reason, @Size(max = 1000) String note) {
}
