package org.returnflow.platform.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the platform's tables from growing without bound: every {@code housekeeping-interval} it
 * deletes the {@code processed_message} rows older than {@code processed-retention} (in batches, so
 * no statement runs long or locks much) and the sent outbox rows older than {@code relay.retention}.
 *
 * <p>A consumer must remember an id for longer than any copy of its message can reach it again:
 * a redelivery comes from the topic (kept {@code topic-retention}, 7 days) and a replay from the
 * dead-letter topic (kept {@code dead-letter-retention}, 30 days), so the default is 35 days. A
 * shorter setting is allowed but warned about at start.
 *
 * <p>It also deletes the trace records of cases quiet for longer than their retention
 * ({@link CaseTraces}).
 */
public class MessagingHousekeeping extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(MessagingHousekeeping.class);
    static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final MessagingProperties properties;
    private final MessageTracing tracing;

    public MessagingHousekeeping(JdbcTemplate jdbc, OutboxRelay relay, MessagingProperties properties) {
        this(jdbc, relay, properties, MessageTracing.off());
    }

    public MessagingHousekeeping(JdbcTemplate jdbc, OutboxRelay relay, MessagingProperties properties,
                                 MessageTracing tracing) {
        super("messaging-housekeeping", properties.getHousekeepingInterval());
        this.tracing = tracing;
        this.jdbc = jdbc;
        this.relay = relay;
        this.properties = properties;
        Duration longestCopy = properties.getTopicRetention().compareTo(properties.getDeadLetterRetention()) > 0
                ? properties.getTopicRetention() : properties.getDeadLetterRetention();
        if (properties.getProcessedRetention().compareTo(longestCopy) <= 0) {
            log.warn("returnflow.messaging.processed-retention ({}) is not longer than the topics and dead letters "
                    + "keep records ({}): a message redelivered or replayed after that is handled a second time",
                    properties.getProcessedRetention(), longestCopy);
        }
    }

    /**
     * Deletes one batch of expired {@code processed_message} rows and the expired sent outbox rows.
     *
     * @return how many processed-message rows were deleted
     */
    public int pruneOnce() {
        Timestamp before = Timestamp.from(Instant.now().minus(properties.getProcessedRetention()));
        int processed = jdbc.update("delete from processed_message where ctid = any(array("
                + "select ctid from processed_message where processed_at < ? limit ?))", before, BATCH);
        int sent = relay.purgeSent();
        int traces = tracing.pruneCaseTraces();
        if (processed > 0 || sent > 0 || traces > 0) {
            log.info("Housekeeping: {} processed-message ids older than {}, {} sent outbox rows and {} quiet case "
                    + "traces deleted", processed, properties.getProcessedRetention(), sent, traces);
        }
        return processed;
    }

    /** A full batch means more rows are due: the worker runs again at once. */
    @Override
    protected boolean runOnce(int lane, int lanes) {
        return pruneOnce() >= BATCH;
    }
}
