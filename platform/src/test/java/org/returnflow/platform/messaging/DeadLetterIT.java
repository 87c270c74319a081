package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.platform.RecordingHandler;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnflow.platform.DeadLetterReader.header;

/**
 * What goes to {@code <topic>.DLT}, and how: a record that is not a CloudEvent, data that fails its
 * JSON Schema and a message that breaks a business rule go at once (the handler never sees the first
 * two and sees the third once); a handler that keeps failing for an unknown reason goes after the
 * bounded retries. Each dead letter keeps its original headers and adds the failure, and the
 * partition goes on: a later message with the same key is still handled.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class)
class DeadLetterIT {

    private static final String DLT = Topics.deadLetter(Topics.DETENTION_COMMANDS);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RecordingHandler handler;
    @Autowired
    MessagingProperties properties;

    @Test
    void messagesThatCanNeverSucceedAreDeadLetteredAtOnceAndThePartitionMovesOn() throws Exception {
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        try (CloudEventSender sender = CloudEventSender.toTestBroker()) {
            // 1. Not a CloudEvent at all.
            sender.sendRaw(Topics.DETENTION_COMMANDS, key, "{not even json".getBytes(StandardCharsets.UTF_8));
            // 2. A CloudEvent whose data breaks its JSON Schema (no detaineeId, a lower-case country).
            String invalidId = sendCloudEvent(key, "{\"caseId\":\"" + caseId + "\",\"destinationCountry\":\"irn\","
                    + "\"onDate\":\"2026-12-05\",\"stage\":\"INITIAL\"}");
            // 3. A message that breaks a business rule of the handler.
            CloudEvent rejected = sender.send(OutboxRelayIT.command(caseId, PlatformTestApplication.REJECTED_DESTINATION));
            // 4. A handler that fails every time for a reason nobody classified: retried, then dead-lettered.
            CloudEvent failing = sender.send(OutboxRelayIT.command(caseId, PlatformTestApplication.FAILING_DESTINATION));
            // 5. A good message behind them on the same partition.
            CloudEvent good = sender.send(OutboxRelayIT.command(caseId, "IRN"));

            await().atMost(Duration.ofSeconds(60)).until(() -> handled(good.getId()) == 1);
            List<ConsumerRecord<String, byte[]>> dead = org.returnflow.platform.DeadLetterReader.await(DLT,
                    r -> key.equals(r.key()), 4);

            assertThat(dead).hasSize(4);
            ConsumerRecord<String, byte[]> poison = dead.get(0);
            assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("{not even json");
            assertThat(header(poison, DeadLetterHeaders.EXCEPTION_CAUSE_CLASS)).isEqualTo(PoisonMessageException.class.getName());
            assertThat(header(poison, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.DETENTION_COMMANDS);
            assertThat(header(poison, DeadLetterHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");
            assertThat(Instant.parse(header(poison, DeadLetterHeaders.FAILED_AT))).isNotNull();

            ConsumerRecord<String, byte[]> invalid = dead.get(1);
            assertThat(header(invalid, "ce_id")).isEqualTo(invalidId);
            assertThat(header(invalid, DeadLetterHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");
            assertThat(header(invalid, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("does not match its schema")
                    .contains("detaineeId");
            assertThat(handler.calls(invalidId)).as("the handler never sees data that breaks its schema").isZero();

            ConsumerRecord<String, byte[]> rule = dead.get(2);
            assertThat(header(rule, "ce_id")).isEqualTo(rejected.getId());
            assertThat(header(rule, DeadLetterHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");
            assertThat(header(rule, DeadLetterHeaders.EXCEPTION_CAUSE_CLASS)).isEqualTo(MessageRejectedException.class.getName());
            assertThat(header(rule, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("RULE_NO_RETURNS_TO");
            assertThat(handler.calls(rejected.getId())).as("a broken business rule is not retried").isEqualTo(1);

            ConsumerRecord<String, byte[]> failed = dead.get(3);
            assertThat(header(failed, "ce_id")).isEqualTo(failing.getId());
            assertThat(header(failed, "ce_type")).isEqualTo("returnflow.detention.AssessEligibility.v1");
            assertThat(header(failed, "ce_subject")).isEqualTo(key);
            assertThat(header(failed, DeadLetterHeaders.FAILURE_KIND)).isEqualTo("UNKNOWN");
            assertThat(header(failed, DeadLetterHeaders.EXCEPTION_MESSAGE))
                    .contains("cannot assess destination " + PlatformTestApplication.FAILING_DESTINATION);
            assertThat(failed.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET)).isNotNull();
            assertThat(failed.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION)).isNotNull();
            assertThat(handler.calls(failing.getId())).as("an unknown failure gets the bounded retries")
                    .isEqualTo(properties.getRetry().getMaxRetries() + 1);
            // The failing handler's writes rolled back every time, and its id was never recorded.
            assertThat(handled(failing.getId())).isZero();
            assertThat(handled(rejected.getId())).isZero();
            assertThat(jdbc.queryForObject("select count(*) from processed_message where message_id in (?, ?)",
                    Long.class, failing.getId(), rejected.getId())).isZero();
        }
    }

    @Test
    void deadLetterTopicsKeepTheirRecordsForThirtyDays() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafkaBootstrapServers()))) {
            ConfigResource dlt = new ConfigResource(ConfigResource.Type.TOPIC, DLT);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DETENTION_COMMANDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(dlt, topic)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(dlt).get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
            assertThat(configs.get(topic).get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
    }

    private int handled(String messageId) {
        Integer n = jdbc.queryForObject("select count(*) from handled_command where message_id = ?",
                Integer.class, messageId);
        return n == null ? 0 : n;
    }

    private static String sendCloudEvent(String key, String json) throws Exception {
        String id = UUID.randomUUID().toString();
        CloudEvent event = CloudEventBuilder.v1().withId(id).withSource(URI.create("/returnflow/workflow"))
                .withType("returnflow.detention.AssessEligibility.v1").withSubject(key)
                .withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withData(json.getBytes(StandardCharsets.UTF_8)).build();
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DETENTION_COMMANDS, key, event)).get(30, TimeUnit.SECONDS);
        }
        return id;
    }
}
