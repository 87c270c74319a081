package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks a row sent only after the
 * broker acknowledged it. Rows survive a crash: whatever is unsent is sent on the next pass,
 * at least once, and consumers drop the duplicates by CloudEvents id.
 *
 * <p>Only one relay of a service works at a time (a transaction-scoped advisory lock), so that
 * several replicas cannot reorder one case's messages.
 */
public class OutboxRelay extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that makes one relay per database active. */
    private static final long RELAY_LOCK = 0x52464F5554424F58L; // "RFOUTBOX"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, CloudEvent> kafka;
    private final MessagingProperties.Relay settings;
    private final URI source;

    private Instant lastPurge = Instant.EPOCH;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, CloudEvent> kafka,
                       MessagingProperties.Relay settings, URI source) {
        super("outbox-relay", settings.getPollInterval());
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.settings = settings;
        this.source = source;
    }

    /**
     * Sends one batch of pending rows.
     *
     * @return how many rows were sent and marked
     */
    public int relayOnce() {
        Integer sent = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<PendingRow> rows = jdbc.query(
                    "select id, event_id, topic, message_key, type, subject, payload::text as payload, created_at "
                            + "from outbox_message where sent_at is null order by id limit ?",
                    (rs, n) -> new PendingRow(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                            rs.getString("topic"), rs.getString("message_key"), rs.getString("type"),
                            rs.getString("subject"), rs.getString("payload"),
                            rs.getTimestamp("created_at").toInstant()),
                    settings.getBatchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (PendingRow row : rows) {
                acks.add(kafka.send(toRecord(row)));
            }
            kafka.flush();
            List<Long> acknowledged = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                try {
                    acks.get(i).get(settings.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    acknowledged.add(rows.get(i).id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    // Stop at the first failure: later rows stay pending so order is kept on the retry.
                    log.warn("Outbox relay: broker did not acknowledge {} ({}); will retry: {}",
                            rows.get(i).eventId(), rows.get(i).type(), e.toString());
                    break;
                }
            }
            if (!acknowledged.isEmpty()) {
                jdbc.update("update outbox_message set sent_at = now() where id = any(?)",
                        (Object) acknowledged.toArray(Long[]::new));
            }
            return acknowledged.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Deletes sent rows older than the retention period. */
    public int purgeSent() {
        return jdbc.update("delete from outbox_message where sent_at is not null and sent_at < ?",
                Timestamp.from(Instant.now().minus(settings.getRetention())));
    }

    /** How many rows wait to be sent: the outbox part of the backlog. */
    public long pendingCount() {
        Long n = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null", Long.class);
        return n == null ? 0 : n;
    }

    private ProducerRecord<String, CloudEvent> toRecord(PendingRow row) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(row.eventId().toString())
                .withSource(source)
                .withType(row.type())
                .withSubject(row.subject())
                .withTime(row.createdAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(row.payload().getBytes(StandardCharsets.UTF_8))
                .build();
        return new ProducerRecord<>(row.topic(), row.key(), event);
    }

    /** One relay pass, and the hourly purge of old sent rows; a full batch means more may wait. */
    @Override
    protected boolean runOnce(int lane, int lanes) {
        int sent = relayOnce();
        if (Instant.now().isAfter(lastPurge.plusSeconds(3600))) {
            lastPurge = Instant.now();
            purgeSent();
        }
        return sent >= settings.getBatchSize();
    }

    @Override
    public void start() {
        if (settings.isEnabled()) {
            super.start();
        }
    }

    /** Starts before, and stops after, the workers whose commits it relays. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private record PendingRow(long id, UUID eventId, String topic, String key, String type, String subject,
                              String payload, Instant createdAt) {
    }
}
