package org.returnflow.contracts.detention;

import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * Detention has no such detainee, or the person is outside any facility it serves; the reply to
 * DescribeDetainee that ends the case.
 */
public record DetaineeUnknown(
        UUID caseId,
        UUID detaineeId) implements CaseMessage, DetaineeMessage {

    public DetaineeUnknown {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
    }
}
