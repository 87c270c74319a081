package org.returnflow.platform.messaging;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outbox event reaches its consumer exactly once, even when the consumer restarts before it
 * commits its offset and the broker therefore delivers the record again.
 *
 * <p>The container never commits offsets here (ack mode MANUAL, and nobody acknowledges), which
 * is what a consumer that dies between handling and committing looks like to the broker.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class, properties = "returnflow.messaging.ack-mode=MANUAL")
class ExactlyOnceIT {

    @Autowired
    EventOutbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloudEventDispatcher dispatcher;
    @Autowired
    ConcurrentMessageListenerContainer<String, byte[]> container;

    @Test
    void redeliveryAfterARestartChangesNothing() {
        UUID caseId = UUID.randomUUID();
        AssessEligibility command = OutboxRelayIT.command(caseId, "IRN");
        UUID eventId = tx.execute(s -> outbox.publish(command));

        await().atMost(Duration.ofSeconds(60)).until(() -> handledRows(caseId) == 1);
        long duplicatesBefore = dispatcher.duplicateCount();

        // Restart the consumer: with no committed offset, the broker hands the record over again.
        container.stop();
        container.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> dispatcher.duplicateCount() > duplicatesBefore);
        assertThat(handledRows(caseId)).as("side effects of the handler").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_message where message_id = ?",
                Long.class, eventId.toString())).isEqualTo(1);
    }

    private int handledRows(UUID caseId) {
        Integer n = jdbc.queryForObject("select count(*) from handled_command where case_id = ?", Integer.class, caseId);
        return n == null ? 0 : n;
    }
}
