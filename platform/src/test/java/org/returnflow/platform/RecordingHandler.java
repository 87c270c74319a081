package org.returnflow.platform;

import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.platform.messaging.MessageRejectedException;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records each {@link AssessEligibility} it handles in {@code handled_command}. Destination
 * {@link PlatformTestApplication#FAILING_DESTINATION} makes it fail after writing, so a test can
 * see that the write rolled back; {@link PlatformTestApplication#REJECTED_DESTINATION} makes it
 * reject the message as breaking a business rule. It also counts, in memory, how often it was
 * called for each message id, which survives the rollbacks, and the trace id its logs carried.
 */
@Component
public class RecordingHandler implements MessageHandler<AssessEligibility> {

    private final JdbcTemplate jdbc;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> traceIds = new ConcurrentHashMap<>();
    private volatile boolean ruleLifted;

    RecordingHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Class<AssessEligibility> messageType() {
        return AssessEligibility.class;
    }

    @Override
    public void handle(AssessEligibility command, MessageContext context) {
        calls.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
        String traceId = MDC.get("traceId");
        if (traceId != null) {
            traceIds.put(context.id(), traceId);
        }
        jdbc.update("insert into handled_command (case_id, message_id) values (?, ?)", command.caseId(), context.id());
        if (PlatformTestApplication.FAILING_DESTINATION.equals(command.destinationCountry())) {
            throw new IllegalStateException("the handler cannot assess destination "
                    + PlatformTestApplication.FAILING_DESTINATION);
        }
        if (PlatformTestApplication.REJECTED_DESTINATION.equals(command.destinationCountry()) && !ruleLifted) {
            throw new MessageRejectedException("RULE_NO_RETURNS_TO " + PlatformTestApplication.REJECTED_DESTINATION);
        }
    }

    /** From now on, commands for the rejected destination are handled: "the cause was fixed". */
    public void liftRule() {
        ruleLifted = true;
    }

    /** The trace id the log's MDC held while the handler handled this CloudEvents id, or null. */
    public String traceIdSeen(String messageId) {
        return traceIds.get(messageId);
    }

    /** How often the handler was called for this CloudEvents id, including calls that rolled back. */
    public int calls(String messageId) {
        AtomicInteger n = calls.get(messageId);
        return n == null ? 0 : n.get();
    }
}
