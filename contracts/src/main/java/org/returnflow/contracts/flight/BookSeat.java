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
 * @param nationality  ISO 3166-1 alpha-3 code of the person's nationality, so that flight never books
 *                     the person across a stopover whose state refuses that nationality in transit;
 *                     null when the sender does not know it (then no transit refusal can apply)
 * @param facilityCode the facility holding the person when the case asked, so that flight shows the
 *                     passenger to a facility-scoped client of that facility only; null when not known
 */
public record BookSeat(
        UUID caseId,
        String destinationCountry,
        Instant notBefore,
        Integer maxPerFlight,
        String nationality,
        String facilityCode) implements CaseMessage {

    public BookSeat {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(destinationCountry, "destinationCountry");
        Objects.requireNonNull(notBefore, "notBefore");
    }

    /** A booking without the person's nationality, as every booking was before transit authorisations. */
    public BookSeat(UUID caseId, String destinationCountry, Instant notBefore, Integer maxPerFlight) {
        this(caseId, destinationCountry, notBefore, maxPerFlight, null, null);
    }

    /** A booking that does not name the person's facility. */
    public BookSeat(UUID caseId, String destinationCountry, Instant notBefore, Integer maxPerFlight, String nationality) {
        this(caseId, destinationCountry, notBefore, maxPerFlight, nationality, null);
    }
}
