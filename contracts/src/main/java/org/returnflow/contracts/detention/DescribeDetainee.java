package org.returnflow.contracts.detention;

import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/** Asks detention for the codes and dates the workflow needs about the person at the start of a case. */
public record DescribeDetainee(
        UUID caseId,
        UUID detaineeId) implements CaseMessage, DetaineeMessage {

    public DescribeDetainee {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
    }
}
