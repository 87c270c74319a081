package org.returnflow.bench.jmh;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.MessageDescriptor;
import org.returnflow.contracts.Messages;
import org.returnflow.contracts.flight.SeatBooked;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One message on its way through Kafka, without the network: what every service does for each
 * message it publishes ({@code EventOutbox}: the record as JSON; {@code OutboxRelay}: a CloudEvent in
 * binary mode, serialised into headers and value) and for each it consumes
 * ({@code CloudEventDispatcher}: the CloudEvent read back, the JSON read into the record). A case of
 * workload W1 carries about 21 messages, so a microsecond here is about 40 µs of CPU per case,
 * counting both ends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CloudEventCodecBenchmark {

    private final URI source = URI.create("/returnflow/flight-service");
    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private SeatBooked message;
    private RecordHeaders headers;
    private byte[] value;

    @Setup
    public void setUp() {
        serializer.configure(Map.of(), false);
        message = new SeatBooked(UUID.randomUUID(), UUID.randomUUID(), "RB12345001", "17",
                Instant.parse("2026-12-05T06:00:00Z"), "AEX", List.of("DOH"), "IKA", UUID.randomUUID());
        headers = new RecordHeaders();
        value = serializer.serialize("flight.events", headers, event(ContractJson.toBytes(message)));
    }

    /** The publishing side: record to JSON, JSON to a CloudEvent, CloudEvent to Kafka headers and value. */
    @Benchmark
    public byte[] publish() {
        String payload = new String(ContractJson.toBytes(message), StandardCharsets.UTF_8);
        RecordHeaders out = new RecordHeaders();
        return serializer.serialize("flight.events", out, event(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The consuming side: headers and value to a CloudEvent, its data to the record. */
    @Benchmark
    public Object consume() {
        CloudEvent event = KafkaMessageFactory.createReader(headers, value).toEvent();
        MessageDescriptor descriptor = MessageCatalog.byType(event.getType());
        return ContractJson.fromBytes(event.getData().toBytes(), descriptor.javaType());
    }

    private CloudEvent event(byte[] data) {
        MessageDescriptor descriptor = MessageCatalog.of(message);
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(descriptor.type())
                .withSubject(Messages.partitionKey(message))
                .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data)
                .build();
    }
}
