package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.FlightMessage;

/**
 * An independent monitor was assigned to the charter flight: from now on its client reads this
 * flight's manifest (and, in the workflow, the case states of the people on it) and files reports.
 *
 * @param monitorId  the monitor's OAuth2 client id, the subject of its tokens
 * @param assignedAt when the assignment was recorded
 */
public record MonitorAssigned(
        UUID flightId,
        String monitorId,
        Instant assignedAt) implements FlightMessage {

    public MonitorAssigned {
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(assignedAt, "assignedAt");
    }
}
