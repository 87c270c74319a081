package org.returnflow.workflow.domain;

import java.util.UUID;

/**
 * What became of one person of a new operation.
 *
 * @param caseId the new case, or, when refused, the person's open case (null if it ended meanwhile)
 */
public record OperationCase(UUID detaineeId, UUID caseId, Outcome status) {

    public enum Outcome {
        /** A case was recorded; its instance starts in the background. */
        ACCEPTED,
        /** The person already has an open case (S7); nothing was started. */
        REFUSED_OPEN_CASE
    }
}
