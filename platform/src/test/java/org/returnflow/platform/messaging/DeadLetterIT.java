package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison messages and handlers that keep failing end up on {@code <topic>.DLT} with the original
 * headers and the exception, and the partition goes on: later messages with the same key are
 * still handled.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class)
class DeadLetterIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void poisonAndFailingMessagesAreDeadLetteredAndThePartitionMovesOn() {
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        try (CloudEventSender sender = CloudEventSender.toTestBroker()) {
            // 1. Not a CloudEvent at all.
            sender.sendRaw(Topics.DETENTION_COMMANDS, key, "{not even json".getBytes(StandardCharsets.UTF_8));
            // 2. A handler that fails every time: retried, then dead-lettered.
            CloudEvent failing = sender.send(OutboxRelayIT.command(caseId, PlatformTestApplication.FAILING_DESTINATION));
            // 3. A good message behind them on the same partition.
            CloudEvent good = sender.send(OutboxRelayIT.command(caseId, "IRN"));

            await().atMost(Duration.ofSeconds(60)).until(() -> handled(good.getId()) == 1);
            List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(key, 2);

            assertThat(dead).hasSize(2);
            ConsumerRecord<String, byte[]> poison = dead.get(0);
            assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("{not even json");
            assertThat(header(poison, "kafka_dlt-exception-cause-fqcn")).isEqualTo(PoisonMessageException.class.getName());
            assertThat(header(poison, "kafka_dlt-original-topic")).isEqualTo(Topics.DETENTION_COMMANDS);

            ConsumerRecord<String, byte[]> failed = dead.get(1);
            assertThat(header(failed, "ce_id")).isEqualTo(failing.getId());
            assertThat(header(failed, "ce_type")).isEqualTo("returnflow.detention.AssessEligibility.v1");
            assertThat(header(failed, "kafka_dlt-exception-message"))
                    .contains("cannot assess destination " + PlatformTestApplication.FAILING_DESTINATION);
            // The failing handler's writes rolled back every time, and its id was never recorded.
            assertThat(handled(failing.getId())).isZero();
            assertThat(jdbc.queryForObject("select count(*) from processed_message where message_id = ?",
                    Long.class, failing.getId())).isZero();
        }
    }

    private int handled(String messageId) {
        Integer n = jdbc.queryForObject("select count(*) from handled_command where message_id = ?",
                Integer.class, messageId);
        return n == null ? 0 : n;
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(String key, int expected) {
        String dlt = Topics.deadLetter(Topics.DETENTION_COMMANDS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, consumer.partitionsFor(dlt).size())
                    .mapToObj(p -> new TopicPartition(dlt, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
