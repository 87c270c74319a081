package org.returnflow.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an operator needs to act on dead letters: list a dead-letter topic, and replay its records
 * to the topic they came from, with their original key, value and CloudEvents headers (so the
 * original CloudEvents id) and without the failure headers. Consumers' deduplication therefore
 * still holds: a record that was handled before (another copy of it got through) is skipped, and
 * one that failed is handled now.
 *
 * <p>A replay leaves a marker on the dead-letter topic (a record without value whose headers name
 * the replayed position, when and by whom), so that the list shows what was replayed and a replay
 * of "all" does not send it again. Dead letters are never deleted; the topic's retention (30 days)
 * ends them.
 *
 * <p>Plain Kafka clients, no Spring: {@code ./returnflow dlt} uses it as well as the workflow's
 * operations API. It reads without a consumer group, so it commits nothing and disturbs no consumer.
 */
public final class DeadLetters {

    /** How dead-letter topics are named: {@code <topic>.DLT}. */
    public static final String SUFFIX = ".DLT";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Map<String, Object> clientConfig;

    /**
     * @param clientConfig at least {@code bootstrap.servers}; security settings (SASL, TLS) as the
     *                     caller's other Kafka clients have them
     */
    public DeadLetters(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** The dead-letter topic of a topic, or the topic itself when it is one. */
    public static String deadLetterTopic(String topic) {
        return topic.endsWith(SUFFIX) ? topic : topic + SUFFIX;
    }

    /** One dead letter, as an operator reads it. */
    public record DeadLetter(String deadLetterTopic, int partition, long offset, String key, String id, String type,
                             String subject, String sourceTopic, Integer sourcePartition, Long sourceOffset,
                             String consumerGroup, String errorClass, String errorMessage, String failureKind,
                             Instant failedAt, Instant replayedAt, String replayedBy) {

        /** {@code partition@offset} on the dead-letter topic: how a dead letter without CloudEvents id is named. */
        public String position() {
            return partition + "@" + offset;
        }

        public boolean replayed() {
            return replayedAt != null;
        }

        /** Only a CloudEvent can be replayed usefully: anything else would fail again at once. */
        public boolean replayable() {
            return id != null;
        }
    }

    /** One record sent back to its source topic. */
    public record Replayed(String id, String type, String subject, String from, String toTopic, int toPartition,
                           long toOffset) {
    }

    /** A dead letter a replay of "all" left alone, and why. */
    public record Skipped(String position, String id, String reason) {
    }

    /** What a replay did. */
    public record ReplayResult(List<Replayed> replayed, List<Skipped> skipped) {
    }

    /** Ids asked for that the topic does not hold. */
    public static class UnknownDeadLettersException extends RuntimeException {
        private final List<String> ids;

        UnknownDeadLettersException(String topic, List<String> ids) {
            super(topic + " holds no dead letter with CloudEvents id " + String.join(", ", ids));
            this.ids = List.copyOf(ids);
        }

        public List<String> ids() {
            return ids;
        }
    }

    /**
     * Every dead letter the topic holds now, oldest first per partition, with its replay status.
     *
     * @param topic a topic or its dead-letter topic; a topic that does not exist holds none
     */
    public List<DeadLetter> list(String topic) {
        String dlt = deadLetterTopic(topic);
        List<ConsumerRecord<byte[], byte[]>> records = readAll(dlt);
        Map<String, ConsumerRecord<byte[], byte[]>> markers = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String replayOf = header(r, DeadLetterHeaders.REPLAY_OF);
            if (r.value() == null && replayOf != null) {
                markers.put(replayOf, r); // a later replay of the same dead letter overwrites an earlier one
            }
        }
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() == null && header(r, DeadLetterHeaders.REPLAY_OF) != null) {
                continue;
            }
            ConsumerRecord<byte[], byte[]> marker = markers.get(r.partition() + "@" + r.offset());
            String errorClass = header(r, DeadLetterHeaders.EXCEPTION_CAUSE_CLASS);
            letters.add(new DeadLetter(dlt, r.partition(), r.offset(), text(r.key()), header(r, "ce_id"),
                    header(r, "ce_type"), header(r, "ce_subject"),
                    sourceTopic(r, dlt), intHeader(r, DeadLetterHeaders.ORIGINAL_PARTITION),
                    longHeader(r, DeadLetterHeaders.ORIGINAL_OFFSET), header(r, DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP),
                    errorClass != null ? errorClass : header(r, DeadLetterHeaders.EXCEPTION_CLASS),
                    header(r, DeadLetterHeaders.EXCEPTION_MESSAGE), header(r, DeadLetterHeaders.FAILURE_KIND),
                    instant(header(r, DeadLetterHeaders.FAILED_AT), r.timestamp()),
                    marker == null ? null : instant(header(marker, DeadLetterHeaders.REPLAYED_AT), marker.timestamp()),
                    marker == null ? null : header(marker, DeadLetterHeaders.REPLAYED_BY)));
        }
        return letters;
    }

    /**
     * Replays the dead letters with these CloudEvents ids (the latest dead letter of each id), also
     * ones replayed before. Nothing is sent when any id is unknown.
     *
     * @throws UnknownDeadLettersException naming the ids the topic does not hold
     */
    public ReplayResult replay(String topic, Collection<String> ids, String replayedBy) {
        List<DeadLetter> letters = list(topic);
        Map<String, DeadLetter> latestById = new LinkedHashMap<>();
        letters.stream().filter(DeadLetter::replayable).forEach(d -> latestById.put(d.id(), d));
        List<String> unknown = new ArrayList<>(new LinkedHashSet<>(ids).stream()
                .filter(id -> !latestById.containsKey(id)).toList());
        if (!unknown.isEmpty()) {
            throw new UnknownDeadLettersException(deadLetterTopic(topic), unknown);
        }
        List<DeadLetter> chosen = new LinkedHashSet<>(ids).stream().map(latestById::get).toList();
        return send(deadLetterTopic(topic), chosen, List.of(), replayedBy);
    }

    /**
     * Replays every dead letter not replayed yet, in order; leaves out what is not a CloudEvent (it
     * would fail again at once) and what was replayed before.
     */
    public ReplayResult replayAll(String topic, String replayedBy) {
        List<DeadLetter> chosen = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (DeadLetter d : list(topic)) {
            if (!d.replayable()) {
                skipped.add(new Skipped(d.position(), null, "not a CloudEvent: replaying cannot help"));
            } else if (d.replayed()) {
                skipped.add(new Skipped(d.position(), d.id(), "replayed " + d.replayedAt() + " by " + d.replayedBy()));
            } else {
                chosen.add(d);
            }
        }
        return send(deadLetterTopic(topic), chosen, skipped, replayedBy);
    }

    private ReplayResult send(String dlt, List<DeadLetter> chosen, List<Skipped> skipped, String replayedBy) {
        if (chosen.isEmpty()) {
            return new ReplayResult(List.of(), skipped);
        }
        Map<String, ConsumerRecord<byte[], byte[]>> originals = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(dlt)) {
            originals.put(r.partition() + "@" + r.offset(), r);
        }
        List<Replayed> replayed = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (DeadLetter d : chosen) {
                ConsumerRecord<byte[], byte[]> original = originals.get(d.position());
                RecordHeaders headers = new RecordHeaders();
                for (Header h : original.headers()) {
                    if (DeadLetterHeaders.FAILURE_PREFIXES.stream().noneMatch(h.key()::startsWith)) {
                        headers.add(h);
                    }
                }
                RecordMetadata sent = await(producer.send(new ProducerRecord<>(d.sourceTopic(), null, original.key(),
                        original.value(), headers)));
                RecordHeaders marker = new RecordHeaders();
                marker.add(DeadLetterHeaders.REPLAY_OF, d.position().getBytes(StandardCharsets.UTF_8));
                marker.add(DeadLetterHeaders.REPLAYED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
                marker.add(DeadLetterHeaders.REPLAYED_BY, replayedBy.getBytes(StandardCharsets.UTF_8));
                await(producer.send(new ProducerRecord<>(dlt, d.partition(), original.key(), null, marker)));
                replayed.add(new Replayed(d.id(), d.type(), d.subject(), dlt + " " + d.position(), sent.topic(),
                        sent.partition(), sent.offset()));
            }
        }
        return new ReplayResult(replayed, skipped);
    }

    /**
     * How many records each dead-letter topic holds now (replay markers included), from its offsets,
     * without reading it: a topic that holds none needs no {@link #list}. A topic the broker does not
     * have holds none.
     */
    public Map<String, Long> recordCounts(Collection<String> topics) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Set<String> existing = consumer.listTopics(READ_TIMEOUT).keySet();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                String dlt = deadLetterTopic(topic);
                counts.put(dlt, 0L);
                if (existing.contains(dlt)) {
                    consumer.partitionsFor(dlt, READ_TIMEOUT)
                            .forEach(p -> partitions.add(new TopicPartition(dlt, p.partition())));
                }
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition p : partitions) {
                counts.merge(p.topic(), end.getOrDefault(p, 0L) - begin.getOrDefault(p, 0L), Long::sum);
            }
        }
        return counts;
    }

    /** Every {@code *.DLT} topic the broker has, by name. */
    public List<String> existingDeadLetterTopics() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.listTopics(READ_TIMEOUT).keySet().stream().filter(t -> t.endsWith(SUFFIX)).sorted().toList();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            Set<TopicPartition> open = new LinkedHashSet<>(partitions);
            while (!open.isEmpty()) {
                open.removeIf(p -> consumer.position(p, READ_TIMEOUT) >= ends.get(p));
                if (open.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
            }
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "returnflow-dlt-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "returnflow-dlt-replay-" + UUID.randomUUID());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> sent) {
        try {
            return sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not take a replayed record: " + e.getMessage(), e);
        }
    }

    private static String sourceTopic(ConsumerRecord<byte[], byte[]> r, String dlt) {
        String original = header(r, DeadLetterHeaders.ORIGINAL_TOPIC);
        return original != null ? original : dlt.substring(0, dlt.length() - SUFFIX.length());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer intHeader(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null || h.value().length != Integer.BYTES ? null : ByteBuffer.wrap(h.value()).getInt();
    }

    private static Long longHeader(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null || h.value().length != Long.BYTES ? null : ByteBuffer.wrap(h.value()).getLong();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Instant instant(String iso, long fallbackMillis) {
        if (iso != null) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException e) {
                // fall back to the record's timestamp
            }
        }
        return fallbackMillis >= 0 ? Instant.ofEpochMilli(fallbackMillis) : null;
    }
}
