package org.returnflow.workflow.domain;

import org.returnflow.contracts.workflow.CaseState;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A return operation: one name and destination, one case per person.
 *
 * @param byState how many of its cases are in each state; states without cases are absent
 */
public record RemovalOperation(UUID id, String name, String destinationCountry, Instant createdAt, String createdBy,
                               long total, Map<CaseState, Long> byState) {
}
