package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/** The person of the case boarded the flight. */
public record PassengerBoarded(
        UUID caseId,
        UUID flightId,
        Instant boardedAt) implements CaseMessage, FlightMessage {

    public PassengerBoarded {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(boardedAt, "boardedAt");
    }
}
