package org.returnflow.contracts.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * Asks consent to open a consent request for the person, answerable until dueBy.
 *
 * @param facilityCode the facility holding the person when the case asked, so that consent answers a
 *                     facility-scoped client about its own people only; null when not known yet
 */
public record RequestConsent(
        UUID caseId,
        UUID detaineeId,
        String preferredLanguage,
        LocalDate detainedSince,
        Instant dueBy,
        String facilityCode) implements CaseMessage, DetaineeMessage {

    public RequestConsent {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(preferredLanguage, "preferredLanguage");
        Objects.requireNonNull(detainedSince, "detainedSince");
        Objects.requireNonNull(dueBy, "dueBy");
    }

    /** A request that does not name the person's facility. */
    public RequestConsent(UUID caseId, UUID detaineeId, String preferredLanguage, LocalDate detainedSince,
                          Instant dueBy) {
        this(caseId, detaineeId, preferredLanguage, detainedSince, dueBy, null);
    }
}
