package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/** The receiving authorities confirmed that they took charge of the person of the case. */
public record HandoverConfirmed(
        UUID caseId,
        UUID flightId,
        Instant handedOverAt) implements CaseMessage, FlightMessage {

    public HandoverConfirmed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(handedOverAt, "handedOverAt");
    }
}
