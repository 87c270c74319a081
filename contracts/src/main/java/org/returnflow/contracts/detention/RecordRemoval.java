package org.returnflow.contracts.detention;

import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;
import org.returnflow.contracts.FlightMessage;

/** Asks detention to record that the person was handed over at the destination of a flight. */
public record RecordRemoval(
        UUID caseId,
        UUID detaineeId,
        UUID flightId) implements CaseMessage, DetaineeMessage, FlightMessage {

    public RecordRemoval {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(flightId, "flightId");
    }
}
