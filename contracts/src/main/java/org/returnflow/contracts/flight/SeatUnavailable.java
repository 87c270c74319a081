package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * No flight to the country departing at or after notBefore had a seat for the case.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record SeatUnavailable(
        UUID caseId,
        String destinationCountry,
        Instant notBefore,
        UUID requestId) implements CaseMessage {

    public SeatUnavailable {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(destinationCountry, "destinationCountry");
        Objects.requireNonNull(notBefore, "notBefore");
    }
}
