package org.returnflow.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message counts only on the topic that owns its type and from a principal that may write that
 * topic: a detention event on consent.events, or on detention.events under the consent-service's
 * source, is refused as a broken rule (dead-lettered at once) before the handler or the
 * processed_message table sees it.
 */
class CloudEventDispatcherOriginTest {

    private static final String DETENTION = "/returnflow/detention-service";
    private static final String CONSENT = "/returnflow/consent-service";
    private static final String WORKFLOW = "/returnflow/workflow";

    private final List<Object> recorded = new ArrayList<>();
    private final List<Message> handled = new ArrayList<>();
    private final CloudEventDispatcher dispatcher = new CloudEventDispatcher(
            List.of(handler(DetaineeUnknown.class), handler(AssessEligibility.class), handler(RegisterContact.class)),
            new JdbcTemplate() {
                @Override
                public int update(String sql, Object... args) {
                    recorded.add(args[0]);
                    return 1;
                }
            }, new TransactionTemplate(new NoTransactions()), "origin-test");

    @Test
    void anEventFromItsOwnerOnItsOwnTopicIsHandled() {
        dispatcher.onMessage(record(Topics.DETENTION_EVENTS, DETENTION, unknown()));

        assertThat(handled).hasSize(1);
        assertThat(recorded).hasSize(1);
    }

    @Test
    void aDetentionEventOnConsentEventsIsRefusedWithNoEffect() {
        assertThatThrownBy(() -> dispatcher.onMessage(record(Topics.CONSENT_EVENTS, CONSENT, unknown())))
                .isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("RULE_FOREIGN_TOPIC")
                .hasMessageContaining("returnflow.detention.DetaineeUnknown.v1")
                .hasMessageContaining(Topics.DETENTION_EVENTS);
        assertThatThrownBy(() -> dispatcher.onMessage(record(Topics.CONSENT_EVENTS, DETENTION, unknown())))
                .as("even with the owner's source, the wrong topic is refused")
                .hasMessageContaining("RULE_FOREIGN_TOPIC");

        assertThat(handled).isEmpty();
        assertThat(recorded).isEmpty();
        assertThat(FailureKind.of(new MessageRejectedException("x"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aDetentionEventUnderTheConsentSourceIsRefusedWithNoEffect() {
        assertThatThrownBy(() -> dispatcher.onMessage(record(Topics.DETENTION_EVENTS, CONSENT, unknown())))
                .isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("RULE_FOREIGN_SOURCE")
                .hasMessageContaining(CONSENT);
        assertThatThrownBy(() -> dispatcher.onMessage(record(Topics.DETENTION_EVENTS, "/returnflow/cli", unknown())))
                .hasMessageContaining("RULE_FOREIGN_SOURCE");

        assertThat(handled).isEmpty();
        assertThat(recorded).isEmpty();
    }

    @Test
    void commandsComeFromTheirTopicsWriters() {
        dispatcher.onMessage(record(Topics.DETENTION_COMMANDS, WORKFLOW, assess()));
        dispatcher.onMessage(record(Topics.NOTIFICATION_COMMANDS, DETENTION,
                new RegisterContact(UUID.randomUUID(), RecipientType.COUNSEL, "desk@example.org", "en")));
        assertThat(handled).hasSize(2);

        assertThatThrownBy(() -> dispatcher.onMessage(record(Topics.DETENTION_COMMANDS, DETENTION, assess())))
                .as("a service may not command itself: only the workflow writes detention.commands")
                .hasMessageContaining("RULE_FOREIGN_SOURCE");
        assertThatThrownBy(() -> dispatcher.onMessage(record(Topics.DETENTION_EVENTS, DETENTION, assess())))
                .as("a command on an events topic").hasMessageContaining("RULE_FOREIGN_TOPIC");
        assertThat(handled).hasSize(2);
    }

    @Test
    void aForeignTypeThisServiceDoesNotHandleIsRefusedToo() {
        CloudEventDispatcher none = new CloudEventDispatcher(List.of(), new JdbcTemplate(),
                new TransactionTemplate(new NoTransactions()), "origin-test");

        none.onMessage(record(Topics.DETENTION_EVENTS, DETENTION, unknown()));
        assertThatThrownBy(() -> none.onMessage(record(Topics.FLIGHT_EVENTS, DETENTION, unknown())))
                .hasMessageContaining("RULE_FOREIGN_TOPIC");
    }

    private static DetaineeUnknown unknown() {
        return new DetaineeUnknown(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    private static AssessEligibility assess() {
        return new AssessEligibility(UUID.randomUUID(), UUID.randomUUID(), "IRN", LocalDate.of(2026, 12, 5),
                EligibilityStage.INITIAL);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String source, Message message) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 7L, "key", ContractJson.toBytes(message));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", MessageCatalog.of(message).type());
        header(record, "ce_source", source);
        header(record, "ce_subject", "key");
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private <T extends Message> MessageHandler<T> handler(Class<T> type) {
        return new MessageHandler<>() {
            @Override
            public Class<T> messageType() {
                return type;
            }

            @Override
            public void handle(T message, MessageContext context) {
                handled.add(message);
            }
        };
    }

    /** Runs the callback without a database: the dispatcher's transaction is not what is tested here. */
    private static final class NoTransactions implements PlatformTransactionManager {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }
}
