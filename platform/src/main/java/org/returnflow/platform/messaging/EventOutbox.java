package org.returnflow.platform.messaging;

import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.MessageDescriptor;
import org.returnflow.contracts.Messages;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The one way a service publishes a message: it is written to the outbox table in the caller's
 * transaction and leaves for Kafka only after that transaction commits. A rolled-back state
 * change therefore never announces itself. The row keeps the trace context it was written in
 * ({@link MessageTracing#forOutbox}), so that the message continues that trace when it is sent.
 */
public class EventOutbox {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final MessageTracing tracing;

    public EventOutbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this(jdbc, relay, MessageTracing.off());
    }

    public EventOutbox(JdbcTemplate jdbc, OutboxRelay relay, MessageTracing tracing) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.tracing = tracing;
    }

    /**
     * Records a command or event for publication.
     *
     * @return the CloudEvents id the message will carry
     * @throws IllegalStateException when no transaction is active, because the row would then
     *                               commit apart from the state change it belongs to
     */
    public UUID publish(Message message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("EventOutbox.publish needs an active transaction: "
                    + "the message must commit together with the change that caused it");
        }
        MessageDescriptor descriptor = MessageCatalog.of(message);
        String key = Messages.partitionKey(message);
        UUID eventId = UUID.randomUUID();
        String payload = new String(ContractJson.toBytes(message), StandardCharsets.UTF_8);
        TraceParent trace = tracing.forOutbox(message);
        jdbc.update("insert into outbox_message (event_id, topic, message_key, type, subject, payload, "
                        + "traceparent, tracestate) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
                eventId, descriptor.topic(), key, descriptor.type(), key, payload,
                trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.nudge();
            }
        });
        return eventId;
    }
}
