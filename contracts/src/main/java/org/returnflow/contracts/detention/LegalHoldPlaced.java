package org.returnflow.contracts.detention;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * A legal hold was placed on the person; caseId is null when the person has no open case, and the
 * message is then keyed by detaineeId. It never says what kind of hold it is: an asylum claim is
 * never disclosed on a public topic (the kind stays in detention, behind its API).
 */
public record LegalHoldPlaced(
        UUID caseId,
        UUID detaineeId,
        UUID holdId,
        Instant placedAt) implements CaseMessage, DetaineeMessage {

    public LegalHoldPlaced {
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(placedAt, "placedAt");
    }
}
