package org.returnflow.flight.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the caller knows of one passenger and flight does not: detention's case number, the
 * nationality and the travel document, and, for a caller allowed to read names, the name as in
 * the travel document. Flight prints it on the carrier's manifest and keeps none of it.
 */
public record PassengerDetails(
        UUID caseId,
        String caseNumber,
        String nationality,
        String documentNumber,
        String documentIssuingCountry,
        LocalDate documentValidUntil,
        String familyName,
        String givenName) {

    /** No details: the row shows what flight knows. */
    public static PassengerDetails none(UUID caseId) {
        return new PassengerDetails(caseId, null, null, null, null, null, null, null);
    }

    public boolean hasName() {
        return familyName != null || givenName != null;
    }
}
