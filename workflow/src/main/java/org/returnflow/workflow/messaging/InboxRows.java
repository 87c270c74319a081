package org.returnflow.workflow.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.returnflow.contracts.ContractJson;
import org.returnflow.workflow.domain.CaseRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * The rows of {@code inbox_message}: replies that wait for their instance ({@code PENDING}) and
 * replies parked with a reason ({@code PARKED}). {@link CaseInbox} writes them in the consumer's
 * transaction; {@link InboxCorrelator} works them off. A parked reply is never dropped: it is logged
 * at WARN with ids only, counted ({@code returnflow.workflow.inbox.parked}) and, for a known case,
 * shown in its history.
 */
@Component
class InboxRows {

    private static final Logger log = LoggerFactory.getLogger(InboxRows.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Why a reply was parked. */
    enum ParkReason {
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
    private final MeterRegistry meters;

    InboxRows(JdbcTemplate jdbc, CaseRecords cases, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.meters = meters;
    }

    /** A reply that waits for its instance to reach the matching wait. */
    void pending(Reply reply, String messageId, String actor) {
        jdbc.update("insert into inbox_message (message_id, message_name, case_id, variables, local_variables, local_match, "
                        + "actor, request_id, seat_flight_id) values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)",
                messageId, reply.messageName(), reply.caseId(), json(reply.variables()), json(reply.localVariables()),
                json(reply.localMatch()), actor, reply.requestId(), reply.seatFlightId());
    }

    /** A reply that can never be correlated, kept with its reason. */
    void parkNew(Reply reply, String messageId, String actor, ParkReason reason) {
        jdbc.update("insert into inbox_message (message_id, message_name, case_id, variables, local_variables, "
                        + "local_match, actor, request_id, seat_flight_id, status, reason) "
                        + "values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, 'PARKED', ?)",
                messageId, reply.messageName(), reply.caseId(), json(reply.variables()), json(reply.localVariables()),
                json(reply.localMatch()), actor, reply.requestId(), reply.seatFlightId(), reason.name());
        parked(reply.messageName(), messageId, reply.caseId(), actor, reason);
    }

    /** Parks a pending row. */
    void park(long id, String messageName, String messageId, UUID caseId, String actor, ParkReason reason) {
        jdbc.update("update inbox_message set status = 'PARKED', reason = ?, attempts = attempts + 1 where id = ?",
                reason.name(), id);
        parked(messageName, messageId, caseId, actor, reason);
    }

    /** Replies waiting for their instance: part of the workflow's backlog. */
    long pendingCount() {
        Long n = jdbc.queryForObject("select count(*) from inbox_message where status = 'PENDING'", Long.class);
        return n == null ? 0 : n;
    }

    private void parked(String messageName, String messageId, UUID caseId, String actor, ParkReason reason) {
        log.warn("Parked {} {} for case {}: {}", messageName, messageId, caseId, reason);
        Counter.builder("returnflow.workflow.inbox.parked")
                .description("Replies that could not be correlated and were parked")
                .tag("reason", reason.name()).tag("message", messageName)
                .register(meters).increment();
        if (reason != ParkReason.UNKNOWN_CASE) {
            cases.append(caseId, actor, "MESSAGE_PARKED", messageName + " " + messageId + ": " + reason);
        }
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
