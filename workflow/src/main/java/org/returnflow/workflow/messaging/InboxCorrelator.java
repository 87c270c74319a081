package org.returnflow.workflow.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.returnflow.platform.messaging.PollingWorker;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.messaging.InboxRows.ParkReason;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Correlates the replies in {@code inbox_message} to their process instances, one reply per
 * transaction: the correlation, the case facts it establishes and the removal of the inbox row
 * commit together, so a reply is correlated exactly once.
 *
 * <p>A reply whose instance does not wait for it yet (it arrived before the engine committed the
 * wait state, or before an earlier reply moved the instance on) is retried with backoff:
 * {@code initial-backoff}, doubling up to {@code max-backoff}. When another reply of the same case
 * correlates, the case's waiting replies are retried at once. A reply is parked, never dropped,
 * when its case has ended or is unknown, or when the case never waited for it within
 * {@code give-up-after}.
 *
 * <p>A correlation that throws (a failing delegate, a concurrent change of the instance) rolls
 * back alone; the row keeps its place with the error and is retried with the same backoff.
 *
 * <p>{@code returnflow.workflow.correlation.latency} (tag {@code message}) times each correlated reply
 * from the moment the consumer took it in to its correlation, by the database's clock.
 */
@Component
public class InboxCorrelator extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(InboxCorrelator.class);
    private static final String NOT_WAITING = "no execution waits for the message yet";
    /** Broadcast news, handed only to the cases found waiting for it: kept for none that stopped. */
    private static final Set<String> NEWS_NOT_REPLIES = Set.of(Msg.FLIGHT_SCHEDULED);

    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CaseRecords cases;
    private final CaseRequests requests;
    private final CaseSafeguards safeguards;
    private final InboxRows rows;
    private final int batchSize;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration giveUpAfter;
    private final MeterRegistry meters;

    public InboxCorrelator(RuntimeService runtime, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                           CaseRecords cases, CaseRequests requests, CaseSafeguards safeguards, InboxRows rows,
                           @Value("${returnflow.workflow.inbox.poll-interval:250ms}") Duration pollInterval,
                           @Value("${returnflow.workflow.inbox.threads:2}") int threads,
                           @Value("${returnflow.workflow.inbox.batch-size:50}") int batchSize,
                           @Value("${returnflow.workflow.inbox.initial-backoff:500ms}") Duration initialBackoff,
                           @Value("${returnflow.workflow.inbox.max-backoff:30s}") Duration maxBackoff,
                           @Value("${returnflow.workflow.inbox.give-up-after:1h}") Duration giveUpAfter,
                           MeterRegistry meters) {
        super("inbox-correlator", pollInterval, threads);
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.cases = cases;
        this.requests = requests;
        this.safeguards = safeguards;
        this.rows = rows;
        this.batchSize = batchSize;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.giveUpAfter = giveUpAfter;
        this.meters = meters;
    }

    @Override
    protected boolean runOnce(int lane, int lanes) {
        for (int i = 0; i < batchSize; i++) {
            if (!correlateNext(lane, lanes)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wakes the lane of this case once the current transaction commits.
     */
    public void nudgeAfterCommit(UUID caseId) {
        nudgeLaneAfterCommit(laneOf(caseId, laneCount()));
    }

    /**
     * The lane a case belongs to: its id's last byte modulo the lanes. The claim query computes the
     * same in SQL ({@code get_byte(uuid_send(case_id), 15) % lanes}), so a new reply wakes only the
     * lane that will find it.
     */
    static int laneOf(UUID caseId, int lanes) {
        return (int) (caseId.getLeastSignificantBits() & 0xFF) % lanes;
    }

    /**
     * The first key of the transaction-scoped advisory lock a lane takes ({@code pg_try_advisory_xact_lock(
     * LANE_LOCK, lane)}): "RFIN", so that it meets no other lock of the database.
     */
    static final int LANE_LOCK = 0x5246494E;

    /**
     * Takes the next due reply of this lane and correlates it, retries it later or parks it. A case
     * belongs to one lane (by the last byte of its id), so lanes never correlate to one instance at once;
     * and a lane is worked by one workflow node at a time, so two nodes never do either.
     *
     * @return whether there was a due reply
     */
    boolean correlateNext(int lane, int lanes) {
        PendingReply[] claimed = new PendingReply[1];
        try {
            Boolean found = tx.execute(status -> {
                // One node at a time per lane, across nodes: another workflow node that works this lane
                // now holds its lock until its transaction ends, and this one leaves the lane to it.
                if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?, ?)", Boolean.class,
                        LANE_LOCK, lane))) {
                    return false;
                }
                List<PendingReply> due = jdbc.query("select id, message_id, message_name, case_id, variables::text, "
                                + "local_variables::text, local_match::text, actor, attempts, request_id, seat_flight_id, "
                                + "created_at < now() - ? * interval '1 millisecond' as overdue, "
                                + "extract(epoch from clock_timestamp() - created_at) * 1000 as waited_millis "
                                + "from inbox_message where status = 'PENDING' and next_attempt_at <= now() "
                                + "and get_byte(uuid_send(case_id), 15) % ? = ? "
                                + "order by next_attempt_at, id limit 1 for update skip locked",
                        (rs, n) -> new PendingReply(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, UUID.class), InboxRows.map(rs.getString(5)), InboxRows.map(rs.getString(6)),
                                InboxRows.map(rs.getString(7)), rs.getString(8), rs.getInt(9), rs.getObject(10, UUID.class),
                                rs.getObject(11, UUID.class), rs.getBoolean(12),
                                System.nanoTime() - (long) (rs.getDouble(13) * 1_000_000)),
                        giveUpAfter.toMillis(), lanes, lane);
                if (due.isEmpty()) {
                    return false;
                }
                claimed[0] = due.get(0);
                try (MDC.MDCCloseable ignored = MDC.putCloseable("caseId", claimed[0].caseId().toString())) {
                    handle(claimed[0]);
                }
                return true;
            });
            return Boolean.TRUE.equals(found);
        } catch (RuntimeException e) {
            PendingReply reply = claimed[0];
            if (reply == null) {
                throw e;
            }
            if (reply.overdue()) {
                tx.executeWithoutResult(status -> {
                    jdbc.update("update inbox_message set last_error = ? where id = ?", truncate(e.toString()), reply.id());
                    park(reply, ParkReason.CORRELATION_FAILED);
                });
                return true;
            }
            log.warn("Correlating {} {} for case {} failed (attempt {}); will retry: {}", reply.messageName(),
                    reply.messageId(), reply.caseId(), reply.attempts() + 1, e.toString());
            tx.executeWithoutResult(status -> retryLater(reply, e.toString()));
            return true;
        }
    }

    private void handle(PendingReply reply) {
        String stale = staleBecause(reply);
        if (stale != null) {
            // The process asked again, or the seat went, since the reply was taken in: it changes nothing.
            cases.append(reply.caseId(), reply.actor(), "STALE_REPLY", reply.messageName() + " " + reply.messageId()
                    + ": " + stale + " by the time it could be correlated; changes nothing");
            jdbc.update("delete from inbox_message where id = ?", reply.id());
            return;
        }
        if (correlate(reply)) {
            jdbc.update("delete from inbox_message where id = ?", reply.id());
            Timer.builder("returnflow.workflow.correlation.latency")
                    .description("From a reply taken in by the consumer to its correlation with the case")
                    .tag("message", reply.messageName()).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(1))
                    .register(meters).record(Math.max(System.nanoTime() - reply.takenInAtNanos(), 0), TimeUnit.NANOSECONDS);
            // The instance moved on: replies of the same case that arrived early may match now.
            jdbc.update("update inbox_message set next_attempt_at = now() "
                    + "where case_id = ? and status = 'PENDING' and next_attempt_at > now()", reply.caseId());
            return;
        }
        if (NEWS_NOT_REPLIES.contains(reply.messageName())) {
            // The case stopped waiting for news (its retry timer fired); the history has it.
            jdbc.update("delete from inbox_message where id = ?", reply.id());
            return;
        }
        switch (cases.status(reply.caseId())) {
            case UNKNOWN -> park(reply, ParkReason.UNKNOWN_CASE);
            case ENDED -> park(reply, ParkReason.CASE_ENDED);
            case OPEN -> {
                if (reply.overdue()) {
                    park(reply, ParkReason.NOT_AWAITED);
                } else {
                    retryLater(reply, NOT_WAITING);
                }
            }
        }
    }

    private boolean correlate(PendingReply reply) {
        MessageCorrelationBuilder correlation = runtime.createMessageCorrelation(reply.messageName())
                .processInstanceBusinessKey(reply.caseId().toString());
        // Only instances that wait; never a message start event of some other model.
        ((MessageCorrelationBuilderImpl) correlation).executionsOnly();
        reply.localMatch().forEach(correlation::localVariableEquals);
        if (!reply.variables().isEmpty()) {
            correlation.setVariables(reply.variables());
        }
        if (!reply.localVariables().isEmpty()) {
            correlation.setVariablesLocal(reply.localVariables());
        }
        // correlateAll answers an empty list, rather than throwing, when nothing waits.
        return !correlation.correlateAllWithResult().isEmpty();
    }

    /** Why a taken reply no longer stands, checked again in the correlation's own transaction; null when it does. */
    private String staleBecause(PendingReply reply) {
        if (reply.requestId() != null && !requests.stillAnsweredBy(reply.requestId(), reply.messageId())) {
            return "request " + reply.requestId() + " was superseded";
        }
        if (reply.seatFlightId() != null && !safeguards.seat(reply.caseId())
                .map(seat -> seat.flightId().equals(reply.seatFlightId())).orElse(false)) {
            return "the case no longer holds a seat on flight " + reply.seatFlightId();
        }
        return null;
    }

    private void retryLater(PendingReply reply, String error) {
        jdbc.update("update inbox_message set attempts = attempts + 1, last_error = ?, "
                        + "next_attempt_at = now() + ? * interval '1 millisecond' where id = ?",
                truncate(error), backoff(reply.attempts() + 1).toMillis(),
                reply.id());
    }

    private static String truncate(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    /** The pause before attempt {@code attempts + 1}: initial-backoff, doubling, at most max-backoff. */
    Duration backoff(int attempts) {
        long millis = initialBackoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private void park(PendingReply reply, ParkReason reason) {
        rows.park(reply.id(), reply.messageName(), reply.messageId(), reply.caseId(), reply.actor(), reason);
    }

    private record PendingReply(long id, String messageId, String messageName, UUID caseId,
                                Map<String, Object> variables, Map<String, Object> localVariables,
                                Map<String, Object> localMatch, String actor, int attempts, UUID requestId,
                                UUID seatFlightId, boolean overdue, long takenInAtNanos) {
    }
}
