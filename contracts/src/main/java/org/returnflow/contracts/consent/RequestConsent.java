package org.returnflow.contracts.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/** Asks consent to open a consent request for the person, answerable until dueBy. */
public record RequestConsent(
        UUID caseId,
        UUID detaineeId,
        String preferredLanguage,
        LocalDate detainedSince,
        Instant dueBy) implements CaseMessage, DetaineeMessage {

    public RequestConsent {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(preferredLanguage, "preferredLanguage");
        Objects.requireNonNull(detainedSince, "detainedSince");
        Objects.requireNonNull(dueBy, "dueBy");
    }
}
