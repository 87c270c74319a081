package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/** No flight to the country departing at or after notBefore had a seat for the case. */
public record SeatUnavailable(
        UUID caseId,
        String destinationCountry,
        Instant notBefore) implements CaseMessage {

    public SeatUnavailable {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(destinationCountry, "destinationCountry");
        Objects.requireNonNull(notBefore, "notBefore");
    }
}
