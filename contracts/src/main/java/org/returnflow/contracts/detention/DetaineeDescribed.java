package org.returnflow.contracts.detention;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.DetaineeMessage;

/**
 * Detention described the person of the case by codes and dates only, in reply to DescribeDetainee.
 * It carries no name and no date of birth: detention itself decides who is a minor.
 *
 * @param nationality       ISO 3166-1 alpha-3 code, for example {@code IRN}
 * @param preferredLanguage BCP 47 tag, for example {@code fa}
 * @param facilityCode      the facility holding the person, for example {@code LA-JENA}
 * @param hasCounsel        true when counsel of record is registered; the address itself never travels here
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 */
public record DetaineeDescribed(
        UUID caseId,
        UUID detaineeId,
        String nationality,
        String preferredLanguage,
        LocalDate detainedSince,
        String facilityCode,
        CustodyStatus custodyStatus,
        boolean hasCounsel,
        UUID requestId) implements CaseMessage, DetaineeMessage {

    public DetaineeDescribed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(preferredLanguage, "preferredLanguage");
        Objects.requireNonNull(detainedSince, "detainedSince");
        Objects.requireNonNull(facilityCode, "facilityCode");
        Objects.requireNonNull(custodyStatus, "custodyStatus");
    }
}
