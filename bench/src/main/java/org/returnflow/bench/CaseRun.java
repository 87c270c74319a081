package org.returnflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One case of the workload, as the benchmark saw it: when it was opened (POST), the answer, and
 * when its {@code CaseStateChanged} NOTIFIED was published (the event's time) and seen.
 */
public final class CaseRun {

    final UUID detaineeId;
    final String phase;
    volatile Instant sentAt;
    volatile Instant answeredAt;
    volatile int status;
    volatile String error;
    volatile int throttled;
    volatile UUID caseId;
    /** The event time ({@code changedAt}) of the first NOTIFIED. */
    volatile Instant notifiedAt;
    /** When the benchmark's consumer received that event. */
    volatile Instant notifiedSeenAt;
    /** A state that stops W1 short of NOTIFIED (LEGAL_REVIEW, WITHDRAWN). */
    volatile String stuckIn;
    volatile int consentStatus;
    /** Distinct CloudEvents ids of NOTIFIED events for this case: more than one is a duplicate notification. */
    final Set<String> notifiedEventIds = ConcurrentHashMap.newKeySet();
    /** NOTIFIED events received again with an id already seen (a relay's at-least-once redelivery). */
    volatile int redelivered;

    CaseRun(UUID detaineeId, String phase) {
        this.detaineeId = detaineeId;
        this.phase = phase;
    }

    /** Whether the case was opened (201). */
    boolean started() {
        return status == 201;
    }

    boolean notified() {
        return notifiedAt != null;
    }

    /** Nothing more will happen to it in W1: notified, refused, or stuck in a state W1 does not leave. */
    boolean settled() {
        return notified() || (status != 0 && status != 201) || error != null || stuckIn != null;
    }

    /** POST to NOTIFIED by the event's time, in milliseconds; infinite when it was not notified. */
    double latencyMillis() {
        if (!notified() || sentAt == null) {
            return Double.POSITIVE_INFINITY;
        }
        return Duration.between(sentAt, notifiedAt).toNanos() / 1e6;
    }

    /** POST to the moment the benchmark received the NOTIFIED event, in milliseconds. */
    double observedMillis() {
        if (notifiedSeenAt == null || sentAt == null) {
            return Double.POSITIVE_INFINITY;
        }
        return Duration.between(sentAt, notifiedSeenAt).toNanos() / 1e6;
    }

    double answerMillis() {
        if (answeredAt == null || sentAt == null) {
            return Double.POSITIVE_INFINITY;
        }
        return Duration.between(sentAt, answeredAt).toNanos() / 1e6;
    }
}
