package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.platform.DeadLetterReader;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.platform.RecordingHandler;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters an operator can act on, with a real consumer: one message is rejected by a business
 * rule, one is a copy of a message that was handled already (its twin was dead-lettered), one is not
 * a CloudEvent. After the rule is lifted, a replay carries the rejected one through exactly once, the
 * copy is skipped by the consumer's deduplication, and the poison is left alone.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class)
class DeadLettersIT {

    private static final String TOPIC = Topics.DETENTION_COMMANDS;
    private static final String DLT = Topics.deadLetter(TOPIC);

    @Autowired
    DeadLetters deadLetters;
    @Autowired
    RecordingHandler handler;
    @Autowired
    CloudEventDispatcher dispatcher;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void replayCarriesAFixedMessageThroughOnceAndSkipsWhatWasHandledBefore() throws Exception {
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        CloudEvent rejected;
        CloudEvent handledBefore;
        try (CloudEventSender sender = CloudEventSender.toTestBroker()) {
            rejected = sender.send(OutboxRelayIT.command(caseId, PlatformTestApplication.REJECTED_DESTINATION));
            handledBefore = sender.send(OutboxRelayIT.command(caseId, "IRN"));
            await().atMost(Duration.ofSeconds(60)).until(() -> handled(handledBefore.getId()) == 1);
            deadLetterACopyOf(handledBefore, key);
            sender.sendRaw(TOPIC, key, "garbage".getBytes(StandardCharsets.UTF_8));
        }
        DeadLetterReader.await(DLT, r -> key.equals(r.key()), 3);

        List<DeadLetters.DeadLetter> listed = ofCase(deadLetters.list(TOPIC), key);
        assertThat(listed).hasSize(3);
        DeadLetters.DeadLetter rule = listed.get(0);
        assertThat(rule.id()).isEqualTo(rejected.getId());
        assertThat(rule.type()).isEqualTo("returnflow.detention.AssessEligibility.v1");
        assertThat(rule.subject()).isEqualTo(key);
        assertThat(rule.sourceTopic()).isEqualTo(TOPIC);
        assertThat(rule.sourceOffset()).isNotNull();
        assertThat(rule.consumerGroup()).isEqualTo("platform-test");
        assertThat(rule.errorClass()).isEqualTo(MessageRejectedException.class.getName());
        assertThat(rule.errorMessage()).contains("RULE_NO_RETURNS_TO");
        assertThat(rule.failureKind()).isEqualTo("PERMANENT");
        assertThat(rule.failedAt()).isNotNull();
        assertThat(rule.replayed()).isFalse();
        assertThat(listed.get(2).id()).as("the poison has no CloudEvents id").isNull();
        assertThat(deadLetters.list(DLT)).as("the topic or its DLT name the same list").hasSameSizeAs(deadLetters.list(TOPIC));

        // An unknown id: nothing is sent at all.
        assertThatThrownBy(() -> deadLetters.replay(TOPIC, List.of(rejected.getId(), "no-such-id"), "operator"))
                .isInstanceOfSatisfying(DeadLetters.UnknownDeadLettersException.class,
                        e -> assertThat(e.ids()).containsExactly("no-such-id"));
        assertThat(ofCase(deadLetters.list(TOPIC), key)).noneMatch(DeadLetters.DeadLetter::replayed);

        // The gauge for Prometheus counts what waits for an operator: this case's three among them.
        DeadLetterGauge gauge = new DeadLetterGauge(deadLetters, new SimpleMeterRegistry(), Duration.ofHours(1));
        gauge.refresh();
        long waitingBefore = gauge.waiting(TOPIC);
        assertThat(waitingBefore).isGreaterThanOrEqualTo(3);

        // The cause is fixed; replay everything that can be replayed.
        handler.liftRule();
        long duplicatesBefore = dispatcher.duplicateCount();
        DeadLetters.ReplayResult result = deadLetters.replayAll(TOPIC, "operator-1");

        assertThat(result.replayed()).extracting(DeadLetters.Replayed::id).contains(rejected.getId(), handledBefore.getId());
        assertThat(result.skipped()).anySatisfy(s -> {
            assertThat(s.id()).isNull();
            assertThat(s.reason()).contains("not a CloudEvent");
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> handled(rejected.getId()) == 1
                && dispatcher.duplicateCount() > duplicatesBefore);
        assertThat(handled(handledBefore.getId())).as("handled before: the replayed copy is skipped").isEqualTo(1);

        // The replayed record is the original: same id and CloudEvents headers, no failure headers.
        DeadLetters.Replayed sent = result.replayed().stream().filter(r -> r.id().equals(rejected.getId())).findFirst()
                .orElseThrow();
        ConsumerRecord<String, byte[]> onTopic = DeadLetterReader.all(TOPIC).stream()
                .filter(r -> r.partition() == sent.toPartition() && r.offset() == sent.toOffset()).findFirst().orElseThrow();
        assertThat(DeadLetterReader.header(onTopic, "ce_id")).isEqualTo(rejected.getId());
        assertThat(DeadLetterReader.header(onTopic, "ce_type")).isEqualTo("returnflow.detention.AssessEligibility.v1");
        assertThat(onTopic.key()).isEqualTo(key);
        assertThat(onTopic.headers()).noneMatch(h -> h.key().startsWith("kafka_dlt-") || h.key().startsWith("returnflow_dlt-"));

        List<DeadLetters.DeadLetter> after = ofCase(deadLetters.list(TOPIC), key);
        assertThat(after).hasSize(3);
        // Replayed ones no longer wait; the poison, which replaying cannot help, still does.
        gauge.refresh();
        assertThat(gauge.waiting(TOPIC)).isLessThan(waitingBefore).isPositive();
        assertThat(after.get(0).replayed()).isTrue();
        assertThat(after.get(0).replayedBy()).isEqualTo("operator-1");
        assertThat(after.get(2).replayed()).isFalse();

        // "All" again sends nothing new; asking for an id again sends it again, and dedup holds.
        assertThat(ofCaseIds(deadLetters.replayAll(TOPIC, "operator-1").replayed(), List.of(rejected.getId(),
                handledBefore.getId()))).isEmpty();
        long duplicatesBeforeSecond = dispatcher.duplicateCount();
        assertThat(deadLetters.replay(TOPIC, List.of(rejected.getId()), "operator-2").replayed()).hasSize(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> dispatcher.duplicateCount() > duplicatesBeforeSecond);
        assertThat(handled(rejected.getId())).isEqualTo(1);
        assertThat(ofCase(deadLetters.list(TOPIC), key).get(0).replayedBy()).isEqualTo("operator-2");
    }

    private static List<DeadLetters.DeadLetter> ofCase(List<DeadLetters.DeadLetter> letters, String key) {
        return letters.stream().filter(d -> key.equals(d.key())).toList();
    }

    private static List<DeadLetters.Replayed> ofCaseIds(List<DeadLetters.Replayed> replayed, List<String> ids) {
        return replayed.stream().filter(r -> ids.contains(r.id())).toList();
    }

    private int handled(String messageId) {
        Integer n = jdbc.queryForObject("select count(*) from handled_command where message_id = ?", Integer.class, messageId);
        return n == null ? 0 : n;
    }

    /**
     * A dead letter of a message whose other copy was handled: what an earlier redelivery that failed
     * looks like on the dead-letter topic (same CloudEvents headers, plus the failure).
     */
    private static void deadLetterACopyOf(CloudEvent event, String key) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", event.getId().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", event.getSource().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", event.getType().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_subject", event.getSubject().getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, TOPIC.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.EXCEPTION_CLASS, "org.springframework.kafka.listener.ListenerExecutionFailedException"
                .getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE, "statement timeout".getBytes(StandardCharsets.UTF_8));
        AssessEligibility data = ContractJson.fromBytes(event.getData().toBytes(), AssessEligibility.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(DLT, null, key, ContractJson.toBytes(data), headers)).get(30, TimeUnit.SECONDS);
        }
    }
}
