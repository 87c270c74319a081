package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * Asks flight to book a seat for the case on the first flight to a country departing at or after
 * notBefore.
 *
 * @param maxPerFlight limit on returnees per flight from the destination rules; null when only the
 *                     flight's seats limit it
 */
public record BookSeat(
        UUID caseId,
        String destinationCountry,
        Instant notBefore,
        Integer maxPerFlight) implements CaseMessage {

    public BookSeat {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(destinationCountry, "destinationCountry");
        Objects.requireNonNull(notBefore, "notBefore");
    }
}
