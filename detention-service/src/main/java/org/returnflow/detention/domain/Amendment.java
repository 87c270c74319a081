package org.returnflow.detention.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * The patchable part of a custody record as it should be after a merge patch, already checked for
 * form: counsel (null = none), the preferred language, the removal order (null = none) and the
 * external identifiers, one per scheme.
 */
public record Amendment(
        String counselName,
        String counselEmail,
        String preferredLanguage,
        LocalDate removalOrderIssuedOn,
        Boolean removalOrderFinal,
        List<ExternalId> externalIds) {

    public Amendment {
        externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
    }
}
