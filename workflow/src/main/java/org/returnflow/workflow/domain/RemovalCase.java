package org.returnflow.workflow.domain;

import org.returnflow.contracts.workflow.CaseState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One person's removal case as the case API shows it: ids, codes and dates only.
 *
 * @param voluntary null until consent was decided; true only on evidenced consent (S3)
 * @param flightId  the flight of the seat currently held, if any
 * @param blockers  the blockers of the latest eligibility assessment
 * @param facilityCode the facility holding the person, as detention last described it; null until then
 */
public record RemovalCase(UUID caseId, UUID detaineeId, UUID operationId, String destinationCountry, CaseState state,
                          Boolean voluntary, UUID flightId, List<CaseBlocker> blockers, Instant createdAt,
                          Instant updatedAt, Instant endedAt, String facilityCode) {

    public boolean ended() {
        return endedAt != null;
    }
}
