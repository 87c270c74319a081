package org.returnflow.infra.kafka;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.LoggerFactory;

/**
 * Prints the records of one topic as a partner system sees them: partition and offset, the key,
 * the CloudEvents attributes carried as {@code ce_*} headers (binary mode) and the JSON data.
 *
 * <p>Usage: {@code TopicTail TOPIC [--from-beginning] [--bootstrap-server HOST:PORT] [--max-records N]}.
 * The bootstrap server defaults to {@code KAFKA_BOOTSTRAP_SERVERS}, else {@code localhost:9092}.
 * It reads every partition without joining a consumer group, so it commits nothing and never
 * disturbs the services' own consumers.
 */
public final class TopicTail implements AutoCloseable {

    /** CloudEvents attributes in the order a reader expects them; other headers follow. */
    static final List<String> CLOUDEVENT_HEADERS = List.of(
            "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "ce_specversion", "ce_dataschema",
            "content-type");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final String topic;
    private final boolean fromBeginning;
    private final PrintStream out;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private boolean topicWasMissing;

    public TopicTail(String bootstrapServers, String topic, boolean fromBeginning, PrintStream out) {
        this(bootstrapServers, Map.of(), topic, fromBeginning, out);
    }

    /** A tail that signs in with {@code credentials} (SASL client settings; empty for none). */
    public TopicTail(String bootstrapServers, Map<String, Object> credentials, String topic, boolean fromBeginning,
                     PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.fromBeginning = fromBeginning;
        this.out = out;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "returnflow-tail-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(credentials);
        this.consumer = new KafkaConsumer<>(props);
    }

    public static void main(String[] args) throws InterruptedException {
        quietLogging();
        Options options;
        Map<String, Object> credentials;
        try {
            options = Options.parse(args, System.getenv());
            credentials = BrokerSecurity.toolCredentials(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: tail TOPIC [--from-beginning] [--bootstrap-server HOST:PORT] [--max-records N]");
            System.exit(2);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        TopicTail tail = new TopicTail(options.bootstrapServers(), credentials, options.topic(), options.fromBeginning(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tail.stop();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tail-shutdown"));
        int exit = 0;
        try {
            tail.run(options.maxRecords());
        } catch (TimeoutException e) {
            System.err.println("Kafka at " + options.bootstrapServers()
                    + " does not answer. Is the stack running? (./returnflow up)");
            exit = 1;
        } finally {
            tail.close();
            done.countDown();
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * Assigns every partition of the topic (waiting for the topic to exist), positions at the end or
     * the beginning, then prints records until {@link #stop()} or until {@code maxRecords} were printed.
     *
     * @param maxRecords stop after this many records; 0 or less means no limit
     * @return the number of records printed
     */
    public long run(long maxRecords) {
        List<TopicPartition> partitions;
        try {
            partitions = awaitPartitions();
        } catch (WakeupException e) {
            return 0;
        }
        if (partitions.isEmpty()) {
            return 0;
        }
        // A topic that appeared while we waited holds only records sent since we started: show them all.
        boolean fromBeginning = this.fromBeginning || topicWasMissing;
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve positions now, so nothing sent after the banner is missed
        out.printf("Tailing %s (%d partitions) on %s from the %s. Ctrl-C stops.%n",
                topic, partitions.size(), bootstrapServers, fromBeginning ? "beginning" : "latest offset");
        out.flush();
        long printed = 0;
        try {
            while (!stopped.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    out.print(format(record));
                    out.flush();
                    printed++;
                    if (maxRecords > 0 && printed >= maxRecords) {
                        return printed;
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        }
        return printed;
    }

    private List<TopicPartition> awaitPartitions() {
        while (!stopped.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
                return partitions;
            }
            if (!topicWasMissing) {
                out.printf("Topic %s does not exist yet on %s; waiting for it.%n", topic, bootstrapServers);
                out.flush();
                topicWasMissing = true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    /** Asks a running {@link #run(long)} to return; safe from any thread. */
    public void stop() {
        stopped.set(true);
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    /** One record as a block of text: a heading line, the key, the headers, then the data. */
    static String format(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder sb = new StringBuilder();
        sb.append("── ").append(record.topic())
                .append("  partition ").append(record.partition())
                .append("  offset ").append(record.offset());
        if (record.timestamp() >= 0) {
            sb.append("  ").append(Instant.ofEpochMilli(record.timestamp()));
        }
        sb.append('\n');
        line(sb, "key", record.key() == null ? "(none)" : text(record.key()));
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        for (String name : CLOUDEVENT_HEADERS) {
            for (Header h : headers) {
                if (h.key().equals(name)) {
                    line(sb, h.key(), text(h.value()));
                }
            }
        }
        for (Header h : headers) {
            if (h.key().startsWith("ce_") && !CLOUDEVENT_HEADERS.contains(h.key())) {
                line(sb, h.key(), text(h.value()));
            }
        }
        for (Header h : headers) {
            if (!h.key().startsWith("ce_") && !CLOUDEVENT_HEADERS.contains(h.key())) {
                line(sb, h.key(), text(h.value()));
            }
        }
        sb.append(data(record.value())).append("\n\n");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format("%-15s %s%n", name, value));
    }

    static String data(byte[] value) {
        if (value == null) {
            return "(no data: tombstone)";
        }
        String text = decode(value);
        if (text == null) {
            return "(" + value.length + " bytes of binary data) 0x" + HexFormat.of().formatHex(value);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && !node.isMissingNode()) {
                return JSON.writeValueAsString(node);
            }
        } catch (Exception e) {
            // not JSON: print it as it is
        }
        return text;
    }

    private static String text(byte[] value) {
        if (value == null) {
            return "(null)";
        }
        String text = decode(value);
        return text != null ? text : "0x" + HexFormat.of().formatHex(value);
    }

    /** UTF-8 text without control characters, or null when the bytes are binary. */
    private static String decode(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                    return null;
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The Kafka client logs its whole configuration at INFO; a terminal tool wants warnings only. */
    static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
                if (logger.getLevel() != null && !logger.getLevel().isGreaterOrEqual(Level.WARN)) {
                    logger.setLevel(Level.WARN);
                }
            }
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    record Options(String topic, boolean fromBeginning, String bootstrapServers, long maxRecords) {

        static Options parse(String[] args, Map<String, String> env) {
            String topic = null;
            boolean fromBeginning = false;
            String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
            long max = 0;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--from-beginning" -> fromBeginning = true;
                    case "--bootstrap-server" -> bootstrap = value(args, ++i, a);
                    case "--max-records" -> max = Long.parseLong(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (topic != null) {
                            throw new IllegalArgumentException("one topic only, got " + topic + " and " + a);
                        }
                        topic = a;
                    }
                }
            }
            if (topic == null) {
                throw new IllegalArgumentException("name the topic to tail, e.g. detention.events");
            }
            return new Options(topic, fromBeginning, bootstrap, max);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
