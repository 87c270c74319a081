package org.returnflow.contracts.detention;

import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * Detention has no such detainee, or the person is outside any facility it serves; the reply to
 * DescribeDetainee that ends the case.
 *
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record DetaineeUnknown(
        UUID caseId,
        UUID detaineeId,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public DetaineeUnknown {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
    }
}
