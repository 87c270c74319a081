package org.returnflow.workflow.messaging;

import org.returnflow.platform.messaging.PollingWorker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.messaging.CaseInbox.ParkReason;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;
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
    private final MeterRegistry meters;
    private final int batchSize;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration giveUpAfter;

    public InboxCorrelator(RuntimeService runtime, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                           CaseRecords cases, MeterRegistry meters,
                           @Value("${returnflow.workflow.inbox.poll-interval:250ms}") Duration pollInterval,
                           @Value("${returnflow.workflow.inbox.threads:2}") int threads,
                           @Value("${returnflow.workflow.inbox.batch-size:50}") int batchSize,
                           @Value("${returnflow.workflow.inbox.initial-backoff:500ms}") Duration initialBackoff,
                           @Value("${returnflow.workflow.inbox.max-backoff:30s}") Duration maxBackoff,
                           @Value("${returnflow.workflow.inbox.give-up-after:1h}") Duration giveUpAfter) {
        super("inbox-correlator", pollInterval, threads);
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.cases = cases;
        this.meters = meters;
        this.batchSize = batchSize;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.giveUpAfter = giveUpAfter;
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
     * Takes the next due reply of this lane and correlates it, retries it later or parks it. A case
     * belongs to one lane (by the last byte of its id), so lanes never correlate to one instance at once.
     *
     * @return whether there was a due reply
     */
    boolean correlateNext(int lane, int lanes) {
        PendingReply[] claimed = new PendingReply[1];
        try {
            Boolean found = tx.execute(status -> {
                List<PendingReply> due = jdbc.query("select id, message_id, message_name, case_id, variables::text, "
                                + "local_variables::text, local_match::text, actor, attempts, "
                                + "created_at < now() - ? * interval '1 millisecond' as overdue "
                                + "from inbox_message where status = 'PENDING' and next_attempt_at <= now() "
                                + "and get_byte(uuid_send(case_id), 15) % ? = ? "
                                + "order by next_attempt_at, id limit 1 for update skip locked",
                        (rs, n) -> new PendingReply(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, UUID.class), CaseInbox.map(rs.getString(5)), CaseInbox.map(rs.getString(6)),
                                CaseInbox.map(rs.getString(7)), rs.getString(8), rs.getInt(9), rs.getBoolean(10)),
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
        if (correlate(reply)) {
            establishFacts(reply);
            jdbc.update("delete from inbox_message where id = ?", reply.id());
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

    /** What the case API shows, once the process has taken the reply. */
    private void establishFacts(PendingReply reply) {
        Map<String, Object> v = reply.variables();
        if (v.get(Var.FLIGHT_ID) instanceof String flightId) {
            cases.flightBooked(reply.caseId(), UUID.fromString(flightId));
        }
        if (v.get(Var.VOLUNTARY) instanceof Boolean voluntary) {
            cases.voluntary(reply.caseId(), voluntary);
        }
        if (v.get(Var.BLOCKERS) instanceof String blockers) {
            cases.blockers(reply.caseId(), blockers);
        }
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
        jdbc.update("update inbox_message set status = 'PARKED', reason = ?, attempts = attempts + 1 where id = ?",
                reason.name(), reply.id());
        parked(reply.messageName(), reply.messageId(), reply.caseId(), reply.actor(), reason);
    }

    /** Counts, logs (ids only) and, for a known case, records in its history a parked reply. */
    void parked(String messageName, String messageId, UUID caseId, String actor, ParkReason reason) {
        log.warn("Parked {} {} for case {}: {}", messageName, messageId, caseId, reason);
        Counter.builder("returnflow.workflow.inbox.parked")
                .description("Replies that could not be correlated and were parked")
                .tag("reason", reason.name()).tag("message", messageName)
                .register(meters).increment();
        if (reason != ParkReason.UNKNOWN_CASE) {
            cases.append(caseId, actor, "MESSAGE_PARKED", messageName + " " + messageId + ": " + reason);
        }
    }

    private record PendingReply(long id, String messageId, String messageName, UUID caseId,
                                Map<String, Object> variables, Map<String, Object> localVariables,
                                Map<String, Object> localMatch, String actor, int attempts, boolean overdue) {
    }
}
