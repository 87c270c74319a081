package org.returnflow.testkit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.MessageDescriptor;
import org.returnflow.contracts.Messages;
import org.returnflow.contracts.TopicAccess;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Sends messages to the test broker the way another Returnflow service would: CloudEvents in
 * binary mode, keyed by caseId. It can also resend an event with the same id (a redelivery), send
 * raw bytes (a poison message) or put a message on a topic that does not own it (a forgery).
 *
 * <p>Consumers take a message only from a writer of its topic ({@code /returnflow/<principal>}, see
 * {@link TopicAccess}), so a sender either signs as one service, or, made by {@link #toTestBroker()},
 * signs each message as the first writer of its topic: a command as the workflow, an event as its
 * service.
 */
public final class CloudEventSender implements AutoCloseable {

    private final KafkaProducer<String, CloudEvent> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    /** The source of every message, or null: the first writer of each message's topic. */
    private final URI source;

    /** A sender that signs every message with {@code source}, for example {@code /returnflow/workflow}. */
    public CloudEventSender(String bootstrapServers, String source) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new CloudEventSerializer());
        this.rawProducer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.source = source == null ? null : URI.create(source);
    }

    /** A sender on the test broker that signs each message as the service that may write its topic. */
    public static CloudEventSender toTestBroker() {
        return new CloudEventSender(Infrastructure.get().kafkaBootstrapServers(), null);
    }

    /** Sends the message to its topic with a new id, and returns the event sent. */
    public CloudEvent send(Message message) {
        return send(message, UUID.randomUUID().toString());
    }

    /** Sends the message with a given CloudEvents id; sending twice with one id is a redelivery. */
    public CloudEvent send(Message message, String id) {
        return send(MessageCatalog.of(message).topic(), message, id);
    }

    /** Sends the message to {@code topic}, which need not be its own: a misrouted or forged message. */
    public CloudEvent sendTo(String topic, Message message) {
        return send(topic, message, UUID.randomUUID().toString());
    }

    private CloudEvent send(String topic, Message message, String id) {
        MessageDescriptor descriptor = MessageCatalog.of(message);
        String key = Messages.partitionKey(message);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source != null ? source : URI.create(TopicAccess.sources(descriptor.topic()).get(0)))
                .withType(descriptor.type())
                .withSubject(key)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(ContractJson.toBytes(message))
                .build();
        await(producer.send(new ProducerRecord<>(topic, key, event)));
        return event;
    }

    /** Sends bytes with no CloudEvents headers at all: a poison message. */
    public void sendRaw(String topic, String key, byte[] value) {
        await(rawProducer.send(new ProducerRecord<>(topic, key, value)));
    }

    @Override
    public void close() {
        producer.close();
        rawProducer.close();
    }

    private static void await(java.util.concurrent.Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Send failed: " + e.getCause(), e.getCause());
        }
    }
}
