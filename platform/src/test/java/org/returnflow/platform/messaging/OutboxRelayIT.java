package org.returnflow.platform.messaging;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox on real PostgreSQL and a real broker: what commits is sent, what rolls back is not. */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class, properties = "returnflow.messaging.consumes=")
class OutboxRelayIT {

    @Autowired
    EventOutbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void committedMessageIsPublishedAsBinaryCloudEventKeyedByCase() {
        UUID caseId = UUID.randomUUID();
        AssessEligibility command = command(caseId, "IRN");

        UUID eventId = tx.execute(s -> outbox.publish(command));

        try (TopicProbe probe = TopicProbe.on(Topics.DETENTION_COMMANDS)) {
            ReceivedEvent received = probe.awaitOne("returnflow.detention.AssessEligibility.v1",
                    caseId.toString(), Duration.ofSeconds(30));
            assertThat(received.id()).isEqualTo(eventId.toString());
            assertThat(received.key()).isEqualTo(caseId.toString());
            assertThat(received.event().getSource()).hasToString("/returnflow/workflow");
            assertThat(received.event().getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(received.event().getTime()).isNotNull();
            assertThat(received.event().getDataContentType()).isEqualTo("application/json");
            assertThat(received.data(AssessEligibility.class)).isEqualTo(command);
        }
        assertThat(jdbc.queryForObject("select sent_at is not null from outbox_message where event_id = ?",
                Boolean.class, eventId)).isTrue();
    }

    @Test
    void rolledBackMessageIsNeverPublished() {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();

        tx.executeWithoutResult(s -> {
            outbox.publish(command(rolledBack, "IRN"));
            s.setRollbackOnly();
        });
        tx.executeWithoutResult(s -> outbox.publish(command(committed, "IRN")));

        try (TopicProbe probe = TopicProbe.on(Topics.DETENTION_COMMANDS)) {
            // The committed one was written after the rolled-back one; once it is visible, the
            // rolled-back one would have been too.
            probe.awaitOne("returnflow.detention.AssessEligibility.v1", committed.toString(), Duration.ofSeconds(30));
            List<ReceivedEvent> ghost = probe.poll().stream()
                    .filter(e -> rolledBack.toString().equals(e.subject())).toList();
            assertThat(ghost).isEmpty();
        }
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where subject = ?", Long.class,
                rolledBack.toString())).isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(command(UUID.randomUUID(), "IRN")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("active transaction");
    }

    static AssessEligibility command(UUID caseId, String destination) {
        return new AssessEligibility(caseId, UUID.randomUUID(), destination, LocalDate.of(2026, 12, 5),
                EligibilityStage.INITIAL);
    }
}
