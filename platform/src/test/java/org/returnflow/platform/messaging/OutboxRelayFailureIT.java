package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay on a real broker that refuses one row every time: the row is larger than the broker's
 * {@code message.max.bytes} (the producer's own limit is raised, so the broker is the one that says
 * no). The rows of other keys are sent and marked in the same pass; the rows of its key wait until
 * it parks after {@code max-attempts}, and then go out in their order.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "returnflow.messaging.consumes=",
        "returnflow.messaging.relay.enabled=false",
        "returnflow.messaging.relay.max-attempts=3",
        "returnflow.messaging.relay.retry-initial-interval=20ms",
        "returnflow.messaging.relay.retry-max-interval=50ms",
        "spring.kafka.producer.properties.max.request.size=4194304"})
class OutboxRelayFailureIT {

    private static final String TYPE = "returnflow.detention.AssessEligibility.v1";

    @Autowired
    EventOutbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    MessagingProperties properties;

    @Test
    void aRowTheBrokerAlwaysRefusesParksAfterMaxAttemptsWhileOtherKeysFlow() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID a1 = publish(a);
        long tooLarge = insertTooLarge(b);
        UUID b2 = publish(b);
        UUID c1 = publish(c);

        int sent = relay.relayOnce();

        // One pass: the other keys went out and are marked, whatever happened to the refused row.
        assertThat(sent).isEqualTo(2);
        assertThat(sentAt(a1)).isTrue();
        assertThat(sentAt(c1)).isTrue();
        Map<String, Object> refused = jdbc.queryForMap(
                "select attempts, last_error, parked_at from outbox_message where id = ?", tooLarge);
        assertThat(refused.get("attempts")).isEqualTo(1);
        assertThat((String) refused.get("last_error")).contains("RecordTooLargeException");
        assertThat(refused.get("parked_at")).isNull();
        assertThat(sentAt(b2)).as("a later row of the refused row's key waits").isFalse();

        // Further passes retry it with backoff until it parks; then its key flows again.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            relay.relayOnce();
            return sentAt(b2);
        });
        Map<String, Object> parked = jdbc.queryForMap(
                "select attempts, parked_at, sent_at from outbox_message where id = ?", tooLarge);
        assertThat(parked.get("attempts")).isEqualTo(3);
        assertThat(parked.get("parked_at")).isNotNull();
        assertThat(parked.get("sent_at")).isNull();
        assertThat(relay.pendingCount()).isZero();
        assertThat(relay.parkedCount()).isEqualTo(1);
        assertThat(meters.get("returnflow.outbox.parked").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("returnflow.outbox.backlog").gauge().value()).isZero();
        assertThat(meters.get("returnflow.outbox.oldest.age").gauge().value()).isZero();
        assertThat(relay.relayOnce()).as("a parked row is not tried again").isZero();

        try (TopicProbe probe = TopicProbe.on(Topics.DETENTION_COMMANDS)) {
            List<ReceivedEvent> received = probe.await(e -> List.of(a, b, c).contains(UUID.fromString(e.subject())), 3,
                    Duration.ofSeconds(30));
            assertThat(received).extracting(ReceivedEvent::id)
                    .containsExactlyInAnyOrder(a1.toString(), b2.toString(), c1.toString());
        }
    }

    @Test
    void onlyTheLeaseHolderRelaysAndAReleasedLeaseIsTakenOver() {
        OutboxRelay replica = new OutboxRelay(jdbc, tx, kafka, properties.getRelay(), URI.create("/returnflow/replica"));
        assertThat(relay.holdLease()).isTrue();
        UUID waiting = publish(UUID.randomUUID());

        assertThat(replica.relayOnce()).as("another replica's relay while the lease is held").isZero();
        assertThat(sentAt(waiting)).isFalse();
        assertThat(meters.get("returnflow.outbox.oldest.age").gauge().value()).isPositive();

        relay.releaseLease();
        assertThat(replica.relayOnce()).isEqualTo(1);
        assertThat(sentAt(waiting)).isTrue();
        assertThat(relay.relayOnce()).as("the lease is the replica's now").isZero();
        replica.releaseLease();
    }

    private UUID publish(UUID caseId) {
        return tx.execute(s -> outbox.publish(OutboxRelayIT.command(caseId, "IRN")));
    }

    /** A row whose record is over the broker's 1 MB limit; the relay does not read payloads, it sends them. */
    private long insertTooLarge(UUID caseId) {
        String padding = "x".repeat(1_200_000);
        Long id = jdbc.queryForObject("insert into outbox_message (event_id, topic, message_key, type, subject, payload) "
                        + "values (?, ?, ?, ?, ?, ?::jsonb) returning id", Long.class, UUID.randomUUID(),
                Topics.DETENTION_COMMANDS, caseId.toString(), TYPE, caseId.toString(),
                "{\"caseId\":\"" + caseId + "\",\"padding\":\"" + padding + "\"}");
        return id == null ? -1 : id;
    }

    private boolean sentAt(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select sent_at is not null from outbox_message where event_id = ?",
                Boolean.class, eventId));
    }
}
