package org.returnflow.testkit;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads CloudEvents from a topic the way a partner system would, from the start of the topic,
 * without a consumer group. Tests use it to assert what a service published.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final List<ReceivedEvent> received = new ArrayList<>();

    private TopicProbe(String bootstrapServers, String topic) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new CloudEventDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (partitions.isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            if (partitions.isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Topic " + topic + " does not exist");
                }
                sleep(200);
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** A probe on the test broker. */
    public static TopicProbe on(String topic) {
        return new TopicProbe(Infrastructure.get().kafkaBootstrapServers(), topic);
    }

    public static TopicProbe on(String bootstrapServers, String topic) {
        return new TopicProbe(bootstrapServers, topic);
    }

    /** Everything received so far, after one more short poll. */
    public synchronized List<ReceivedEvent> poll() {
        for (ConsumerRecord<String, CloudEvent> r : consumer.poll(Duration.ofMillis(200))) {
            received.add(new ReceivedEvent(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} received events match, and returns all that match. */
    public List<ReceivedEvent> await(Predicate<ReceivedEvent> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedEvent> matching;
        do {
            matching = poll().stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Expected at least " + count + " matching events within " + timeout
                + " but saw " + matching.size() + "; all received: "
                + poll().stream().map(e -> e.type() + "/" + e.subject()).toList());
    }

    /** Waits for the first event of the given type (e.g. returnflow.flight.SeatBooked.v1) and subject. */
    public ReceivedEvent awaitOne(String type, String subject, Duration timeout) {
        return await(e -> e.type().equals(type) && (subject == null || subject.equals(e.subject())), 1, timeout).get(0);
    }

    /** Polls for a while and returns every matching event: for asserting that something did NOT happen twice. */
    public List<ReceivedEvent> settle(Predicate<ReceivedEvent> match, Duration quietPeriod) {
        long deadline = System.nanoTime() + quietPeriod.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        return poll().stream().filter(match).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
