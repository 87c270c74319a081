package org.returnflow.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.consent.ConsentRequested;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.contracts.workflow.CaseStateChanged;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Reads {@code workflow.events} and {@code consent.events} as a partner would (no consumer group,
 * from the end of each partition at start): {@code CaseStateChanged} NOTIFIED ends a case's
 * latency, and {@code ConsentRequested} is handed to the simulated officer at once.
 */
public final class EventWatcher implements AutoCloseable {

    private static final String CASE_STATE_CHANGED = "returnflow.workflow.CaseStateChanged.v1";
    private static final String CONSENT_REQUESTED = "returnflow.consent.ConsentRequested.v1";

    private final Map<UUID, CaseRun> byDetainee = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final BiConsumer<CaseRun, ConsentRequested> officer;
    private final Thread thread;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong notifiedEvents = new AtomicLong();
    private final List<Instant> notifiedTimes = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private volatile Throwable failure;

    public EventWatcher(String bootstrapServers, BiConsumer<CaseRun, ConsentRequested> officer) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "returnflow-bench");
        this.consumer = new KafkaConsumer<>(props);
        this.officer = officer;
        this.thread = new Thread(this::loop, "bench-events");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition of both topics at its current end, and waits until the positions are fixed. */
    public void start() throws InterruptedException {
        thread.start();
        ready.await();
        if (failure != null) {
            throw new IllegalStateException("cannot read workflow.events and consent.events: " + failure, failure);
        }
    }

    public void track(CaseRun run) {
        byDetainee.put(run.detaineeId, run);
    }

    /** NOTIFIED events seen, over all cases. */
    public long notifiedEvents() {
        return notifiedEvents.get();
    }

    /** How many first NOTIFIED events were published (by their event time) in [from, to). */
    public long notifiedBetween(Instant from, Instant to) {
        synchronized (notifiedTimes) {
            return notifiedTimes.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
        }
    }

    private void loop() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.WORKFLOW_EVENTS, Topics.CONSENT_EVENTS)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            failure = e;
            ready.countDown();
            return;
        }
        ready.countDown();
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "ce_type");
        if (CASE_STATE_CHANGED.equals(type)) {
            CaseStateChanged event = ContractJson.fromBytes(record.value(), CaseStateChanged.class);
            CaseRun run = byDetainee.get(event.detaineeId());
            if (run == null) {
                return;
            }
            if (run.caseId == null) {
                run.caseId = event.caseId();
            }
            if (event.state() == CaseState.NOTIFIED) {
                notifiedEvents.incrementAndGet();
                String id = header(record, "ce_id");
                if (!run.notifiedEventIds.add(id == null ? "?" + record.offset() : id)) {
                    run.redelivered++;
                    return;
                }
                if (run.notifiedAt == null) {
                    run.notifiedSeenAt = Instant.now();
                    run.notifiedAt = event.changedAt();
                    notifiedTimes.add(event.changedAt());
                }
            } else if (event.state() == CaseState.LEGAL_REVIEW || event.state() == CaseState.WITHDRAWN) {
                run.stuckIn = event.state().name();
            }
        } else if (CONSENT_REQUESTED.equals(type)) {
            ConsentRequested requested = ContractJson.fromBytes(record.value(), ConsentRequested.class);
            CaseRun run = byDetainee.get(requested.detaineeId());
            if (run != null) {
                officer.accept(run, requested);
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
