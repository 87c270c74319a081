package org.returnflow.contracts.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/** A consent request was opened for the person and awaits a decision until dueBy. */
public record ConsentRequested(
        UUID caseId,
        UUID consentId,
        UUID detaineeId,
        String preferredLanguage,
        Instant dueBy) implements CaseMessage, DetaineeMessage {

    public ConsentRequested {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(preferredLanguage, "preferredLanguage");
        Objects.requireNonNull(dueBy, "dueBy");
    }
}
