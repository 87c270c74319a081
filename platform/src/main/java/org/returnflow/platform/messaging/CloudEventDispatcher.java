package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.ContractSchemas;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.MessageDescriptor;
import org.returnflow.contracts.TopicAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns Kafka records into contracts records and hands them to the service's
 * {@link MessageHandler}s, exactly once per CloudEvents id.
 *
 * <p>The handler and the insert into {@code processed_message} share one transaction. If the
 * handler fails, neither commits and the container's error handler decides by {@link FailureKind}:
 * a record that is not a CloudEvent, whose data fails its JSON Schema or contract record
 * ({@link PoisonMessageException}), or that breaks a business rule ({@link MessageRejectedException})
 * goes to the dead-letter topic at once; a transient failure (no database, a timeout, a lock) is
 * retried until it passes; anything else is retried a bounded number of times, then dead-lettered.
 * If the consumer dies after the commit but before its offset commit, the redelivered record finds
 * its row and is skipped.
 *
 * <p>A message counts only where it belongs: a catalogued type on a topic other than the one that owns
 * it ({@link MessageCatalog}), or with a CloudEvents source other than one of that topic's writers
 * ({@link TopicAccess}: {@code /returnflow/<principal>}), is forged or misrouted. It is refused as a broken
 * rule ({@code RULE_FOREIGN_TOPIC}, {@code RULE_FOREIGN_SOURCE}) before anything is recorded or handled,
 * and so goes to the dead-letter topic of the topic it came on, with no effect.
 *
 * <p>Each message is handled in a span of its case's trace ({@link MessageTracing#startProcess}), so
 * that what the handler logs and publishes carries the trace the message came with.
 */
public class CloudEventDispatcher implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(CloudEventDispatcher.class);

    private final Map<String, MessageHandler<? extends Message>> handlersByType = new HashMap<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String consumer;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final MessageTracing tracing;

    public CloudEventDispatcher(List<MessageHandler<? extends Message>> handlers, JdbcTemplate jdbc,
                                TransactionTemplate tx, String consumer) {
        this(handlers, jdbc, tx, consumer, MessageTracing.off());
    }

    public CloudEventDispatcher(List<MessageHandler<? extends Message>> handlers, JdbcTemplate jdbc,
                                TransactionTemplate tx, String consumer, MessageTracing tracing) {
        for (MessageHandler<? extends Message> handler : handlers) {
            MessageDescriptor descriptor = MessageCatalog.byClass(handler.messageType());
            MessageHandler<? extends Message> clash = handlersByType.put(descriptor.type(), handler);
            if (clash != null) {
                throw new IllegalStateException("Two handlers for " + descriptor.type() + ": "
                        + clash.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.consumer = consumer;
        this.tracing = tracing;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = readEvent(record);
        requireOwnTopicAndWriter(record, event);
        MessageHandler<? extends Message> handler = handlersByType.get(event.getType());
        if (handler == null) {
            // Public topics carry types this service does not care about.
            log.debug("No handler for {} on {}; skipped", event.getType(), record.topic());
            return;
        }
        Message message = readData(event, handler.messageType());
        MessageContext context = new MessageContext(event.getId(), event.getType(),
                String.valueOf(event.getSource()), event.getSubject(), event.getTime(),
                record.topic(), record.partition(), record.offset());
        Span span = tracing.startProcess(event, message, record.topic());
        try (MDC.MDCCloseable ignoredCase = MDC.putCloseable("caseId", event.getSubject());
             MDC.MDCCloseable ignoredId = MDC.putCloseable("messageId", event.getId());
             Tracer.SpanInScope ignoredSpan = tracing.inScope(span)) {
            tx.executeWithoutResult(status -> {
                int fresh = jdbc.update("insert into processed_message (message_id, consumer, type) values (?, ?, ?) "
                        + "on conflict do nothing", event.getId(), consumer, event.getType());
                if (fresh == 0) {
                    duplicates.incrementAndGet();
                    span.tag("returnflow.duplicate", "true");
                    log.info("Duplicate {} {} skipped", event.getType(), event.getId());
                    return;
                }
                tracing.handled(message, span);
                invoke(handler, message, context);
                handled.incrementAndGet();
            });
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Messages handled since start (not counting duplicates). */
    public long handledCount() {
        return handled.get();
    }

    /** Redeliveries recognised and skipped since start. */
    public long duplicateCount() {
        return duplicates.get();
    }

    public Optional<Class<? extends Message>> handledTypeOf(String cloudEventType) {
        return Optional.ofNullable(handlersByType.get(cloudEventType)).map(MessageHandler::messageType);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> void invoke(MessageHandler<T> handler, Message message, MessageContext context) {
        handler.handle((T) message, context);
    }

    private static void requireOwnTopicAndWriter(ConsumerRecord<String, byte[]> record, CloudEvent event) {
        MessageDescriptor descriptor = MessageCatalog.findByType(event.getType()).orElse(null);
        if (descriptor == null) {
            // Not a Returnflow message type: no handler can take it, so it is skipped below.
            return;
        }
        if (!descriptor.topic().equals(record.topic())) {
            throw new MessageRejectedException("RULE_FOREIGN_TOPIC " + event.getType() + " " + event.getId()
                    + " belongs on " + descriptor.topic() + ", not on " + record.topic());
        }
        String source = String.valueOf(event.getSource());
        List<String> writers = TopicAccess.sources(descriptor.topic());
        if (!writers.contains(source)) {
            throw new MessageRejectedException("RULE_FOREIGN_SOURCE " + event.getType() + " " + event.getId()
                    + " from " + (source.length() > 80 ? source.substring(0, 80) + "…" : source) + "; "
                    + descriptor.topic() + " is written by " + writers);
        }
    }

    private static CloudEvent readEvent(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
            if (event.getType() == null || event.getId() == null) {
                throw new IllegalArgumentException("CloudEvent without id or type");
            }
            return event;
        } catch (RuntimeException e) {
            throw new PoisonMessageException("Record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent in binary mode: " + e.getMessage(), e);
        }
    }

    private static Message readData(CloudEvent event, Class<? extends Message> type) {
        if (event.getData() == null) {
            throw new PoisonMessageException(event.getType() + " " + event.getId() + " has no data", null);
        }
        byte[] data = event.getData().toBytes();
        List<String> schemaErrors = ContractSchemas.errors(event.getType(), data);
        if (!schemaErrors.isEmpty()) {
            throw new PoisonMessageException(event.getType() + " " + event.getId()
                    + " does not match its schema: " + schemaErrors, null);
        }
        try {
            return ContractJson.fromBytes(data, type);
        } catch (RuntimeException e) {
            throw new PoisonMessageException(event.getType() + " " + event.getId()
                    + " does not match its contract: " + e.getMessage(), e);
        }
    }
}
