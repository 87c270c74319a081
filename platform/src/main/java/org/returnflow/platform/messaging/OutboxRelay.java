package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka and marks a row sent only after the broker acknowledged
 * it. Rows survive a crash: whatever is unsent is sent on the next pass, at least once, and
 * consumers drop the duplicates by CloudEvents id.
 *
 * <p><b>Nothing stalls it.</b> A pass reads the due rows (oldest first), then hands them to the
 * producer in waves: each wave holds the oldest waiting row of every key, so a key's next row leaves
 * only after the broker acknowledged the one before it (per-key order, which is per-case order). Each
 * row's outcome is its own: the acknowledged rows of a wave are marked sent at once, in a short
 * transaction, whatever happens to the others. A row the broker refuses gets its attempt count, its
 * last error and a due time with backoff ({@code retry-initial-interval} doubling up to
 * {@code retry-max-interval}), and only the later rows of its key wait for it; the other keys flow
 * on. A row that fails {@code max-attempts} times for a reason that is not transient (a record too
 * large for the broker, say) is parked ({@code parked_at}): it leaves the queue, is counted
 * ({@code returnflow.outbox.parked}) and waits for an operator, and its key flows again. A broker
 * that is unreachable fails rows transiently: they back off but never park, and the pass stops
 * rather than waiting on every row.
 *
 * <p><b>No lock across network I/O.</b> One relay per database works at a time, so that replicas do
 * not reorder a case's messages. That is a lease, not a lock: the row of {@code outbox_relay_lease}
 * names its holder and an expiry ({@code lease-time}). The relay takes or renews it with one
 * autocommitted update before a pass and after every wave, and then holds no database lock and no
 * open transaction while it talks to Kafka; reading the rows and recording the outcomes are short
 * transactions of their own. Another replica takes the lease only once it expired. A wave lasts at
 * most the producer's {@code max.block.ms} plus {@code send-timeout} (10 s + 30 s by default), less
 * than the lease (60 s); only a relay paused longer than that (a very long GC pause, a frozen VM) can
 * overlap with its successor, which may send a row twice (consumers drop the copy) or, within one
 * key, out of order. It renews before marking, sees that it lost the lease, and stops.
 */
public class OutboxRelay extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String DUE_ROWS = "select id, event_id, topic, message_key, type, subject, "
            + "payload::text as payload, created_at, attempts, traceparent, tracestate from outbox_message m "
            + "where sent_at is null and parked_at is null and next_attempt_at <= now() "
            // Per-key order: never pass a row whose key has an earlier row that is not due yet.
            + "and not exists (select 1 from outbox_message e where e.message_key = m.message_key "
            + "and e.sent_at is null and e.parked_at is null and e.id < m.id and e.next_attempt_at > now()) "
            + "order by id limit ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, CloudEvent> kafka;
    private final MessagingProperties.Relay settings;
    private final URI source;
    private final String holder;
    private final MeterRegistry meters;
    private final MessageTracing tracing;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, CloudEvent> kafka,
                       MessagingProperties.Relay settings, URI source) {
        this(jdbc, tx, kafka, settings, source, new SimpleMeterRegistry());
    }

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, CloudEvent> kafka,
                       MessagingProperties.Relay settings, URI source, MeterRegistry meters) {
        this(jdbc, tx, kafka, settings, source, meters, MessageTracing.off());
    }

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, CloudEvent> kafka,
                       MessagingProperties.Relay settings, URI source, MeterRegistry meters, MessageTracing tracing) {
        super("outbox-relay", settings.getPollInterval());
        this.tracing = tracing;
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.settings = settings;
        this.source = source;
        this.meters = meters;
        this.holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        Gauge.builder("returnflow.outbox.backlog", this, r -> r.safely(r::pendingCount))
                .description("Outbox rows waiting to be sent (parked rows not counted)").register(meters);
        Gauge.builder("returnflow.outbox.oldest.age", this, r -> r.safely(r::oldestPendingAgeSeconds))
                .description("Age in seconds of the oldest outbox row waiting to be sent; 0 when none waits")
                .baseUnit("seconds").register(meters);
        Gauge.builder("returnflow.outbox.parked", this, r -> r.safely(r::parkedCount))
                .description("Outbox rows given up after max-attempts; they wait for an operator").register(meters);
    }

    /**
     * One pass: sends the due rows in waves and records each row's outcome.
     *
     * @return how many rows were sent and marked
     */
    public int relayOnce() {
        if (!holdLease()) {
            return 0;
        }
        List<PendingRow> rows = tx.execute(status -> jdbc.query(DUE_ROWS, (rs, n) -> new PendingRow(rs.getLong("id"),
                rs.getObject("event_id", UUID.class), rs.getString("topic"), rs.getString("message_key"),
                rs.getString("type"), rs.getString("subject"), rs.getString("payload"),
                rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts"), keptTrace(rs.getString("traceparent"),
                rs.getString("tracestate"))), settings.getBatchSize()));
        if (rows == null || rows.isEmpty()) {
            return 0;
        }
        Map<String, Deque<PendingRow>> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.computeIfAbsent(row.key(), k -> new ArrayDeque<>()).add(row));
        int sent = 0;
        while (!byKey.isEmpty()) {
            List<PendingRow> wave = byKey.values().stream().map(Deque::peekFirst)
                    .sorted(Comparator.comparingLong(PendingRow::id)).toList();
            Wave outcome = send(wave);
            boolean stillLeader = record(outcome);
            sent += outcome.acknowledged().size();
            for (PendingRow row : outcome.acknowledged()) {
                Deque<PendingRow> rest = byKey.get(row.key());
                rest.pollFirst();
                if (rest.isEmpty()) {
                    byKey.remove(row.key());
                }
            }
            // A failed row holds back the rest of its key; a row never handed over (the pass stopped) too.
            outcome.failed().forEach(f -> byKey.remove(f.row().key()));
            outcome.notSent().forEach(row -> byKey.remove(row.key()));
            if (outcome.stopPass() || !stillLeader || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return sent;
    }

    /** Hands one wave to the producer, flushes, and waits for each acknowledgement. */
    private Wave send(List<PendingRow> wave) {
        List<PendingRow> handedOver = new ArrayList<>(wave.size());
        List<CompletableFuture<?>> acks = new ArrayList<>(wave.size());
        List<Failure> failed = new ArrayList<>();
        List<PendingRow> notSent = new ArrayList<>();
        boolean stop = false;
        for (PendingRow row : wave) {
            if (stop) {
                notSent.add(row);
                continue;
            }
            // The row's trace continues in a PRODUCER span that lasts until the broker answers.
            Span span = tracing.startPublish(row.type(), row.topic(), row.eventId().toString(), row.subject(), row.trace());
            try {
                CompletableFuture<?> ack = kafka.send(toRecord(row, span));
                ack.whenComplete((result, error) -> {
                    if (error != null) {
                        span.error(error);
                    }
                    span.end();
                });
                acks.add(ack);
                handedOver.add(row);
                // Without metadata the producer blocks max.block.ms, then fails the send at once. An
                // unreachable broker fails every row alike: stop handing over rather than wait on each.
                stop = ack.isCompletedExceptionally() && FailureKind.of(failureOf(ack)) == FailureKind.TRANSIENT;
            } catch (RuntimeException e) {
                span.error(e);
                span.end();
                failed.add(new Failure(row, e));
                stop = FailureKind.of(e) == FailureKind.TRANSIENT;
            }
        }
        try {
            kafka.flush();
        } catch (RuntimeException e) {
            log.debug("Outbox relay: flush failed, the acknowledgements will say which rows: {}", e.toString());
        }
        List<PendingRow> acknowledged = new ArrayList<>(handedOver.size());
        for (int i = 0; i < handedOver.size(); i++) {
            PendingRow row = handedOver.get(i);
            try {
                acks.get(i).get(settings.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(row);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notSent.add(row); // unknown: it stays pending and is sent again, consumers drop a copy
                stop = true;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failed.add(new Failure(row, cause));
                stop |= FailureKind.of(cause) == FailureKind.TRANSIENT;
            } catch (java.util.concurrent.TimeoutException e) {
                failed.add(new Failure(row, e));
                stop = true;
            }
        }
        return new Wave(acknowledged, failed, notSent, stop);
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.getNow(null);
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * Records a wave's outcomes in one short transaction: acknowledged rows are marked sent, failed
     * ones get their attempt, error and next due time, or park. Renews the lease in the same breath.
     *
     * @return whether this relay still holds the lease
     */
    private boolean record(Wave wave) {
        Boolean leader = tx.execute(status -> {
            if (!wave.acknowledged().isEmpty()) {
                jdbc.update("update outbox_message set sent_at = now() where id = any(?)",
                        (Object) wave.acknowledged().stream().map(PendingRow::id).toArray(Long[]::new));
            }
            for (Failure failure : wave.failed()) {
                recordFailure(failure);
            }
            return renewLease();
        });
        return Boolean.TRUE.equals(leader);
    }

    private void recordFailure(Failure failure) {
        PendingRow row = failure.row();
        FailureKind kind = FailureKind.of(failure.error());
        int attempts = row.attempts() + 1;
        boolean park = attempts >= settings.getMaxAttempts() && kind != FailureKind.TRANSIENT;
        jdbc.update("update outbox_message set attempts = ?, last_error = ?, "
                        + "next_attempt_at = now() + ? * interval '1 millisecond', "
                        + "parked_at = case when ? then now() else null end where id = ?",
                attempts, truncate(FailureKind.rootCause(failure.error()).toString()), backoff(attempts).toMillis(), park, row.id());
        Counter.builder("returnflow.outbox.send.failures")
                .description("Outbox rows the broker did not acknowledge, by kind of failure")
                .tag("kind", kind.name()).register(meters).increment();
        if (park) {
            log.error("Outbox row {} ({} {} for {}) parked after {} attempts; its key flows on without it: {}",
                    row.id(), row.type(), row.eventId(), row.key(), attempts, FailureKind.rootCause(failure.error()).toString());
        } else {
            log.warn("Outbox relay: broker did not acknowledge {} ({}), attempt {}; the rest of key {} waits: {}",
                    row.eventId(), row.type(), attempts, row.key(), FailureKind.rootCause(failure.error()).toString());
        }
    }

    /** The pause before the next attempt of a row that failed {@code attempts} times. */
    Duration backoff(int attempts) {
        long millis = settings.getRetryInitialInterval().toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, settings.getRetryMaxInterval().toMillis()));
    }

    /** Takes the lease if it is free or expired, or renews it; one autocommitted statement. */
    boolean holdLease() {
        return jdbc.update("update outbox_relay_lease set holder = ?, expires_at = now() + ? * interval '1 millisecond' "
                + "where id = 1 and (holder = ? or expires_at < now())", holder, settings.getLeaseTime().toMillis(), holder) == 1;
    }

    private boolean renewLease() {
        return jdbc.update("update outbox_relay_lease set expires_at = now() + ? * interval '1 millisecond' "
                + "where id = 1 and holder = ?", settings.getLeaseTime().toMillis(), holder) == 1;
    }

    /** Gives the lease up, so that another replica takes over at once. */
    void releaseLease() {
        jdbc.update("update outbox_relay_lease set expires_at = now() where id = 1 and holder = ?", holder);
    }

    /** Deletes sent rows older than the retention period; parked and unsent rows stay. */
    public int purgeSent() {
        return jdbc.update("delete from outbox_message where sent_at is not null and sent_at < ?",
                Timestamp.from(Instant.now().minus(settings.getRetention())));
    }

    /** How many rows wait to be sent: the outbox part of the backlog. Parked rows are not counted. */
    public long pendingCount() {
        Long n = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null and parked_at is null",
                Long.class);
        return n == null ? 0 : n;
    }

    /** How many rows were given up after {@code max-attempts}. */
    public long parkedCount() {
        Long n = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null and parked_at is not null",
                Long.class);
        return n == null ? 0 : n;
    }

    /** Seconds since the oldest waiting row was written; 0 when none waits. */
    public double oldestPendingAgeSeconds() {
        Double age = jdbc.queryForObject("select coalesce(extract(epoch from now() - min(created_at)), 0) "
                + "from outbox_message where sent_at is null and parked_at is null", Double.class);
        return age == null ? 0 : age;
    }

    private double safely(java.util.function.LongSupplier value) {
        return safely(() -> (double) value.getAsLong());
    }

    private double safely(java.util.function.DoubleSupplier value) {
        try {
            return value.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN; // no database right now: the scrape shows no value rather than failing
        }
    }

    private ProducerRecord<String, CloudEvent> toRecord(PendingRow row, Span span) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(row.eventId().toString())
                .withSource(source)
                .withType(row.type())
                .withSubject(row.subject())
                .withTime(row.createdAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(row.payload().getBytes(StandardCharsets.UTF_8));
        tracing.inject(span, event);
        return new ProducerRecord<>(row.topic(), row.key(), event.build());
    }

    private static TraceParent keptTrace(String traceparent, String tracestate) {
        return traceparent == null || traceparent.isBlank() ? null : new TraceParent(traceparent, tracestate);
    }

    /** One relay pass; a full batch means more may wait. ({@link MessagingHousekeeping} purges sent rows.) */
    @Override
    protected boolean runOnce(int lane, int lanes) {
        return relayOnce() >= settings.getBatchSize();
    }

    @Override
    public void start() {
        if (settings.isEnabled()) {
            super.start();
        }
    }

    @Override
    public void stop() {
        super.stop();
        try {
            releaseLease();
        } catch (RuntimeException e) {
            log.debug("Outbox relay: could not release the lease; it expires by itself: {}", e.toString());
        }
    }

    /** Starts before, and stops after, the workers whose commits it relays. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private record PendingRow(long id, UUID eventId, String topic, String key, String type, String subject,
                              String payload, Instant createdAt, int attempts, TraceParent trace) {
    }

    private record Failure(PendingRow row, Throwable error) {
    }

    private record Wave(List<PendingRow> acknowledged, List<Failure> failed, List<PendingRow> notSent,
                        boolean stopPass) {
    }
}
