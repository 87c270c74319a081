package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.FlightMessage;

/**
 * The monitor's assignment to the charter flight ended: its client reads nothing more of this flight.
 *
 * @param monitorId    the monitor's OAuth2 client id, the subject of its tokens
 * @param unassignedAt when the assignment ended
 */
public record MonitorUnassigned(
        UUID flightId,
        String monitorId,
        Instant unassignedAt) implements FlightMessage {

    public MonitorUnassigned {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(unassignedAt, "unassignedAt");
    }
}
