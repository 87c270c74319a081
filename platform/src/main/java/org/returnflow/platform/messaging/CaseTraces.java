package org.returnflow.platform.messaging;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The trace of each case this service has seen ({@code case_trace}, a platform table): which trace the
 * case belongs to, and the newest span of this service in it. It lets work that has no trace of its
 * own, or another one, continue the case's trace: an engine job, a background sender, a request of
 * an officer about the case. One row per case; every statement is one short update in the caller's
 * transaction.
 */
public class CaseTraces {

    static final int PRUNE_BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Duration retention;

    /**
     * @param retention how long a case's row is kept after its last update; a case quiet for longer
     *                  starts a new trace with its next message
     */
    public CaseTraces(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** The newest context of the case's trace in this service, if it has seen the case. */
    public Optional<TraceParent> find(UUID caseId) {
        List<TraceParent> found = jdbc.query("select traceparent, tracestate from case_trace where case_id = ?",
                (rs, n) -> new TraceParent(rs.getString(1), rs.getString(2)), caseId);
        return found.stream().findFirst();
    }

    /**
     * Makes {@code first} the case's trace unless it has one already, and answers the one that stands:
     * of two transactions that start a case at once, the later waits for the earlier and takes its trace.
     */
    public TraceParent start(UUID caseId, TraceParent first) {
        jdbc.update("insert into case_trace (case_id, trace_id, traceparent, tracestate) values (?, ?, ?, ?) "
                + "on conflict (case_id) do nothing", caseId, first.traceId(), first.traceparent(), first.tracestate());
        return find(caseId).orElse(first);
    }

    /**
     * Records {@code latest}, a span of the case's own trace, as its newest context here, so that what
     * the case does next hangs under it. A context of another trace is ignored; an unknown case starts
     * with it.
     */
    public void advance(UUID caseId, TraceParent latest) {
        jdbc.update("insert into case_trace (case_id, trace_id, traceparent, tracestate) values (?, ?, ?, ?) "
                        + "on conflict (case_id) do update set traceparent = excluded.traceparent, "
                        + "tracestate = excluded.tracestate, updated_at = now() "
                        + "where case_trace.trace_id = excluded.trace_id",
                caseId, latest.traceId(), latest.traceparent(), latest.tracestate());
    }

    /**
     * Deletes one batch of rows not updated for longer than the retention.
     *
     * @return how many rows were deleted
     */
    public int prune() {
        return jdbc.update("delete from case_trace where case_id = any(array(select case_id from case_trace "
                        + "where updated_at < ? limit ?))",
                Timestamp.from(Instant.now().minus(retention)), PRUNE_BATCH);
    }
}
