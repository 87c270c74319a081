package org.returnflow.detention.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an agency states when it registers a person in custody; already checked for form.
 * The removal order, counsel and external identifiers are optional. {@code confirmDistinctFrom}
 * names existing records the agency confirms are other people with a similar name, date of birth
 * and nationality.
 */
public record Registration(
        String givenName,
        String familyName,
        LocalDate dateOfBirth,
        String nationality,
        String preferredLanguage,
        String facilityCode,
        LocalDate detainedSince,
        String counselName,
        String counselEmail,
        LocalDate removalOrderIssuedOn,
        Boolean removalOrderFinal,
        List<ExternalId> externalIds,
        Set<UUID> confirmDistinctFrom) {

    public Registration {
        externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
        confirmDistinctFrom = confirmDistinctFrom == null ? Set.of() : Set.copyOf(confirmDistinctFrom);
    }
}
