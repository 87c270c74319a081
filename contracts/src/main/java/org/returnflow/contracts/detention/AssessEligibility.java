package org.returnflow.contracts.detention;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/** Asks detention whether the person may be removed to a country on a date. */
public record AssessEligibility(
        UUID caseId,
        UUID detaineeId,
        String destinationCountry,
        LocalDate onDate,
        EligibilityStage stage) implements CaseMessage, DetaineeMessage {

    public AssessEligibility {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(destinationCountry, "destinationCountry");
        Objects.requireNonNull(onDate, "onDate");
        Objects.requireNonNull(stage, "stage");
    }
}
