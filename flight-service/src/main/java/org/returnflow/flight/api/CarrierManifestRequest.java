package org.returnflow.flight.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.returnflow.flight.domain.PassengerDetails;
import org.returnflow.platform.web.CountryCode;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/flights/{id}/manifest.pdf} (and {@code .csv}): the details of the passengers
 * the caller read in detention under its own rights, to print beside flight's seats. Flight keeps
 * none of them. Every value is a code, a number or a name as in the travel document's
 * machine-readable zone, so nothing in it can act as a formula in a spreadsheet.
 *
 * @param passengers at most one per case; cases left out are printed with what flight knows
 */
record CarrierManifestRequest(@NotNull @Size(max = 1000) List<@NotNull @Valid Passenger> passengers) {

    static final String NUMBER = "^[A-Z0-9][A-Z0-9-]{0,29}$";
    static final String NUMBER_MESSAGE = "must be upper-case letters, digits and hyphens (at most 30)";
    static final String NAME = "^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ' .-]{0,99}$";
    static final String NAME_MESSAGE = "must be written in Latin letters, as in the travel document's "
            + "machine-readable zone (at most 100)";

    /**
     * One passenger.
     *
     * @param caseNumber detention's case number, e.g. {@code RF-2026-000123}
     * @param familyName printed only for a caller that may read names (scope detention:read), and audited
     */
    record Passenger(
            @NotNull UUID caseId,
            @Pattern(regexp = NUMBER, message = NUMBER_MESSAGE) String caseNumber,
            @CountryCode String nationality,
            @Pattern(regexp = NUMBER, message = NUMBER_MESSAGE) String documentNumber,
            @CountryCode String documentIssuingCountry,
            LocalDate documentValidUntil,
            @Pattern(regexp = NAME, message = NAME_MESSAGE) String familyName,
            @Pattern(regexp = NAME, message = NAME_MESSAGE) String givenName) {

        PassengerDetails details() {
            return new PassengerDetails(caseId, caseNumber, nationality, documentNumber, documentIssuingCountry,
                    documentValidUntil, familyName, givenName);
        }
    }

    List<PassengerDetails> details() {
        return passengers.stream().map(Passenger::details).toList();
    }
}
