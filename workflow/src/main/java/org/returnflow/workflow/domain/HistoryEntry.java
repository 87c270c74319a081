package org.returnflow.workflow.domain;

import java.time.Instant;

/**
 * One line of a case's history (S8).
 *
 * @param actor  a Camunda user id, a client id, a service name or {@code system}
 * @param kind   an upper-case code such as {@code STATE_CHANGED} or {@code SEAT_BOOKED}
 * @param detail codes and ids, never a name
 */
public record HistoryEntry(Instant at, String actor, String kind, String detail) {
}
