package org.returnflow.contracts.detention;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * Detention assessed whether the person may be removed to a country on a date; eligible exactly
 * when there are no blockers.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record EligibilityAssessed(
        UUID caseId,
        UUID detaineeId,
        String destinationCountry,
        LocalDate onDate,
        EligibilityStage stage,
        boolean eligible,
        List<Blocker> blockers,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public EligibilityAssessed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(destinationCountry, "destinationCountry");
        Objects.requireNonNull(onDate, "onDate");
        Objects.requireNonNull(stage, "stage");
        blockers = blockers == null ? List.of() : List.copyOf(blockers);
        if (eligible != blockers.isEmpty()) {
            throw new IllegalArgumentException(
                    "eligible must be true exactly when there are no blockers, got eligible="
                            + eligible + " with " + blockers.size() + " blocker(s)");
        }
    }
}
