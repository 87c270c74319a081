package org.returnflow.workflow.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.returnflow.contracts.ContractJson;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.workflow.domain.CaseRecords;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Where every reply for a case enters the workflow. It runs inside the consumer's transaction,
 * together with the {@code processed_message} row of the CloudEvents id, and never talks to the
 * engine: it appends the history line and writes the reply to {@code inbox_message}; the
 * {@link InboxCorrelator} correlates it right after commit, in a transaction of its own. So a
 * correlation that fails, or finds no waiting instance yet, never rolls back the consumption, and
 * a redelivered message is never correlated twice.
 *
 * <p>A reply for a case that has ended, or for no known case, is parked with a reason: logged at
 * WARN with ids only, counted ({@code returnflow.workflow.inbox.parked}) and, for a known case,
 * shown in its history.
 */
@Component
public class CaseInbox {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Why a reply was parked. */
    public enum ParkReason {
        /** No removal case has this id. */
        UNKNOWN_CASE,
        /** The case reached REMOVED or WITHDRAWN. */
        CASE_ENDED,
        /** The case stayed open but never waited for the message within the give-up period. */
        NOT_AWAITED,
        /** Correlating kept failing (see last_error) for the whole give-up period. */
        CORRELATION_FAILED
    }

    private final JdbcTemplate jdbc;
    private final CaseRecords cases;
    private final AwaitedMessages awaited;
    private final InboxCorrelator correlator;

    public CaseInbox(JdbcTemplate jdbc, CaseRecords cases, AwaitedMessages awaited, InboxCorrelator correlator,
                     MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.awaited = awaited;
        this.correlator = correlator;
        Gauge.builder("returnflow.workflow.inbox.pending", this, CaseInbox::pendingCount)
                .description("Replies waiting for their instance to reach the matching wait state")
                .register(meters);
    }

    /** Accepts a reply in the consumer's transaction. */
    public void accept(Reply reply, MessageContext context) {
        String actor = serviceOf(context.source());
        CaseRecords.Status status = cases.status(reply.caseId());
        boolean awaitable = reply.correlate() && awaited.declared(reply.messageName());
        if (!awaitable) {
            // Nothing ever waits for it (e.g. DetaineeRemoved after the case ended REMOVED): history only.
            if (status != CaseRecords.Status.UNKNOWN) {
                cases.append(reply.caseId(), actor, reply.kind(), reply.detail());
            }
            return;
        }
        switch (status) {
            case UNKNOWN -> park(reply, context.id(), actor, ParkReason.UNKNOWN_CASE);
            case ENDED -> {
                cases.append(reply.caseId(), actor, reply.kind(), reply.detail());
                park(reply, context.id(), actor, ParkReason.CASE_ENDED);
            }
            case OPEN -> {
                cases.append(reply.caseId(), actor, reply.kind(), reply.detail());
                jdbc.update("insert into inbox_message (message_id, message_name, case_id, variables, "
                                + "local_variables, local_match, actor) values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)",
                        context.id(), reply.messageName(), reply.caseId(), json(reply.variables()),
                        json(reply.localVariables()), json(reply.localMatch()), actor);
                correlator.nudgeAfterCommit(reply.caseId());
            }
        }
    }

    private void park(Reply reply, String messageId, String actor, ParkReason reason) {
        jdbc.update("insert into inbox_message (message_id, message_name, case_id, variables, local_variables, "
                        + "local_match, actor, status, reason) "
                        + "values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, 'PARKED', ?)",
                messageId, reply.messageName(), reply.caseId(), json(reply.variables()), json(reply.localVariables()),
                json(reply.localMatch()), actor, reason.name());
        correlator.parked(reply.messageName(), messageId, reply.caseId(), actor, reason);
    }

    /** Replies waiting for their instance: part of the workflow's backlog. */
    public long pendingCount() {
        Long n = jdbc.queryForObject("select count(*) from inbox_message where status = 'PENDING'", Long.class);
        return n == null ? 0 : n;
    }

    /** The service that sent a message, from its CloudEvents source {@code /returnflow/<service>}. */
    static String serviceOf(String source) {
        if (source == null || source.isBlank()) {
            return "unknown";
        }
        String s = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    static String json(Map<String, Object> values) {
        try {
            return ContractJson.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Variables are not JSON: " + values.keySet(), e);
        }
    }

    static Map<String, Object> map(String json) {
        try {
            return json == null ? Map.of() : ContractJson.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox_message holds variables that are not a JSON object", e);
        }
    }
}
