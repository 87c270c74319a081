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

    /** The longest detail a history line keeps (the column's width). */
    public static final int DETAIL_MAX = 2000;

    /** The detail as a history line keeps it: cut at {@link #DETAIL_MAX} characters. */
    public static String fitted(String detail) {
        return detail == null || detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX);
    }
}
