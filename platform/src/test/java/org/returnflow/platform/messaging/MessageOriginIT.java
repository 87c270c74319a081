package org.returnflow.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnflow.platform.DeadLetterReader.header;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.DeadLetterReader;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.platform.RecordingHandler;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Forged messages get nowhere: on the real broker, a detention command put on consent.events, and one
 * on its own topic under the consent-service's source, go to the dead-letter topic of the topic they
 * came on as a broken rule, and have no effect (no handler call, no processed_message row); the same
 * command from the workflow, behind them, is handled.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class)
class MessageOriginIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RecordingHandler handler;

    @Test
    void aMessageOnAForeignTopicOrFromAForeignSourceIsDeadLetteredWithNoEffect() {
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        String bootstrap = Infrastructure.get().kafkaBootstrapServers();
        try (CloudEventSender consent = new CloudEventSender(bootstrap, "/returnflow/consent-service");
             CloudEventSender workflow = new CloudEventSender(bootstrap, "/returnflow/workflow")) {
            CloudEvent onForeignTopic = consent.sendTo(Topics.CONSENT_EVENTS, OutboxRelayIT.command(caseId, "IRN"));
            CloudEvent fromForeignSource = consent.send(OutboxRelayIT.command(caseId, "IRN"));
            CloudEvent genuine = workflow.send(OutboxRelayIT.command(caseId, "IRN"));

            await().atMost(Duration.ofSeconds(60)).until(() -> handled(genuine.getId()) == 1);
            ConsumerRecord<String, byte[]> wrongTopic = single(Topics.deadLetter(Topics.CONSENT_EVENTS), onForeignTopic);
            ConsumerRecord<String, byte[]> wrongSource = single(Topics.deadLetter(Topics.DETENTION_COMMANDS),
                    fromForeignSource);

            assertThat(header(wrongTopic, DeadLetterHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");
            assertThat(header(wrongTopic, DeadLetterHeaders.EXCEPTION_CAUSE_CLASS))
                    .isEqualTo(MessageRejectedException.class.getName());
            assertThat(header(wrongTopic, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("RULE_FOREIGN_TOPIC")
                    .contains("returnflow.detention.AssessEligibility.v1").contains(Topics.DETENTION_COMMANDS);
            assertThat(header(wrongTopic, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.CONSENT_EVENTS);

            assertThat(header(wrongSource, DeadLetterHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");
            assertThat(header(wrongSource, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("RULE_FOREIGN_SOURCE")
                    .contains("/returnflow/consent-service");
            assertThat(header(wrongSource, "ce_source")).isEqualTo("/returnflow/consent-service");

            for (CloudEvent forged : List.of(onForeignTopic, fromForeignSource)) {
                assertThat(handler.calls(forged.getId())).as("the handler never sees a forged message").isZero();
                assertThat(handled(forged.getId())).isZero();
                assertThat(jdbc.queryForObject("select count(*) from processed_message where message_id = ?",
                        Long.class, forged.getId())).as("a forged id is not even recorded").isZero();
            }
        }
    }

    private static ConsumerRecord<String, byte[]> single(String deadLetterTopic, CloudEvent event) {
        List<ConsumerRecord<String, byte[]>> found = DeadLetterReader.await(deadLetterTopic,
                r -> event.getId().equals(header(r, "ce_id")), 1);
        assertThat(found).as("%s on %s", event.getId(), deadLetterTopic).hasSize(1);
        return found.get(0);
    }

    private int handled(String messageId) {
        Integer n = jdbc.queryForObject("select count(*) from handled_command where message_id = ?",
                Integer.class, messageId);
        return n == null ? 0 : n;
    }
}
