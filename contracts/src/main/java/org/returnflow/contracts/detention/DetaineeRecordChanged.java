package org.returnflow.contracts.detention;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * A custody record changed in a way a removal case may have to react to. Keyed by the person's
 * open caseId when detention knows one, else by detaineeId (caseId is then null).
 *
 * @param mayBlock   whether the change can create a blocker, so that an open case should assess
 *                   eligibility again at once
 * @param recordId   the attached record the change is about (permit, travel document, clearance,
 *                   custody movement or guardian), or null
 * @param reasonCode the coded reason the agency gave, such as RELIEF_GRANTED, or null
 */
public record DetaineeRecordChanged(
        UUID caseId,
        UUID detaineeId,
        DetaineeRecordChange change,
        boolean mayBlock,
        UUID recordId,
        String reasonCode,
        Instant changedAt) implements CaseMessage, DetaineeMessage {

    public DetaineeRecordChanged {
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
