package org.returnflow.detention.domain;

import java.time.LocalDate;

/**
 * What an agency states when it registers a person in custody; already checked for form.
 * The removal order and counsel are optional.
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
        Boolean removalOrderFinal) {
}
