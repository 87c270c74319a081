package org.returnflow.bench.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.platform.messaging.CloudEventDispatcher;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.platform.messaging.MessagingProperties;
import org.returnflow.platform.messaging.OutboxRelay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The platform's messaging against a real PostgreSQL (embedded binaries, {@code synchronous_commit=off}
 * as the local stack runs it) with Kafka replaced by a {@code MockProducer}: the database side of every
 * message, which workload W1 pays about 21 times per case.
 * <ul>
 *   <li>{@code publishAndRelay}: {@code batch} messages written by {@code EventOutbox.publish} in one
 *   transaction (as a service's state change does), then relayed by {@code OutboxRelay.relayOnce}
 *   (advisory lock, select, CloudEvents, send, mark sent). Time per batch; divide by the batch.</li>
 *   <li>{@code consume}: one record through {@code CloudEventDispatcher.onMessage} with a handler that
 *   does nothing: CloudEvent read, contract check, the idempotent consumer's insert, commit.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OutboxBenchmark {

    @Param({"1", "10", "50"})
    public int batch;

    private EmbeddedPostgres postgres;
    private HikariDataSource dataSource;
    private TransactionTemplate tx;
    private EventOutbox outbox;
    private OutboxRelay relay;
    private CloudEventDispatcher dispatcher;
    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private byte[] value;
    private RecordHeaders headers;
    private MockProducer<String, CloudEvent> producer;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off").start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // Every platform migration (outbox, relay lease, processed messages), as a service gets them.
        new org.returnflow.platform.messaging.PlatformSchema(dataSource).afterPropertiesSet();
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // MockProducer serialises without headers; the real producer writes the CloudEvent into headers and value
        CloudEventSerializer binary = new CloudEventSerializer();
        binary.configure(java.util.Map.of(), false);
        Serializer<CloudEvent> withHeaders = (topic, event) -> binary.serialize(topic, new RecordHeaders(), event);
        // KafkaTemplate closes a producer that is not close-safe after each send: a fresh one each time
        KafkaTemplate<String, CloudEvent> kafka = new KafkaTemplate<>(new MockProducerFactory<>(() -> {
            producer = new MockProducer<>(true, new StringSerializer(), withHeaders);
            return producer;
        }));
        MessagingProperties.Relay settings = new MessagingProperties().getRelay();
        relay = new OutboxRelay(jdbc, tx, kafka, settings, URI.create("/returnflow/bench"));
        outbox = new EventOutbox(jdbc, relay);
        dispatcher = new CloudEventDispatcher(List.of(new Ignore()), jdbc, tx, "bench");

        serializer.configure(java.util.Map.of(), false);
        SeatBooked message = seatBooked();
        CloudEvent event = io.cloudevents.core.builder.CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/returnflow/flight-service"))
                .withType(org.returnflow.contracts.MessageCatalog.of(message).type())
                .withSubject(message.caseId().toString()).withTime(java.time.OffsetDateTime.now())
                .withDataContentType("application/json")
                .withData(org.returnflow.contracts.ContractJson.toBytes(message)).build();
        headers = new RecordHeaders();
        value = serializer.serialize("flight.events", headers, event);
    }

    @Benchmark
    public int publishAndRelay() {
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < batch; i++) {
                outbox.publish(seatBooked());
            }
        });
        int sent = 0;
        while (sent < batch) {
            sent += relay.relayOnce();
        }
        return sent;
    }

    @Benchmark
    public void consume() {
        // a fresh CloudEvents id each time, so that the idempotent consumer inserts and commits
        RecordHeaders fresh = new RecordHeaders(headers.toArray());
        fresh.remove("ce_id");
        fresh.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        dispatcher.onMessage(new ConsumerRecord<>("flight.events", 0, 0L, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, value.length, "key", value, fresh, java.util.Optional.empty()));
    }

    @TearDown(Level.Iteration)
    public void purge() {
        new JdbcTemplate(dataSource).update("delete from outbox_message where sent_at is not null");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        dataSource.close();
        postgres.close();
    }

    private static SeatBooked seatBooked() {
        return new SeatBooked(UUID.randomUUID(), UUID.randomUUID(), "RB12345001", "17",
                Instant.parse("2026-12-05T06:00:00Z"), "AEX", List.of("DOH"), "IKA", UUID.randomUUID());
    }

    /** A handler that accepts the message and does nothing, so only the platform's work is measured. */
    static final class Ignore implements MessageHandler<SeatBooked> {
        @Override
        public Class<SeatBooked> messageType() {
            return SeatBooked.class;
        }

        @Override
        public void handle(SeatBooked message, MessageContext context) {
            // nothing: the platform's cost only
        }
    }
}
