package org.returnflow.platform.messaging;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that crashed after committing outbox rows but before relaying them: the rows are
 * still there, and the next relay pass sends them in the order they were written.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "returnflow.messaging.consumes=",
        "returnflow.messaging.relay.enabled=false",
        "returnflow.messaging.relay.batch-size=4"})
class OutboxCrashRecoveryIT {

    @Autowired
    EventOutbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pendingRowsAreSentInOrderByTheNextRelayPass() {
        UUID caseId = UUID.randomUUID();
        List<UUID> written = new ArrayList<>();
        // Written and committed while no relay runs: the state a crash leaves behind.
        IntStream.range(0, 10).forEach(i -> written.add(tx.execute(s ->
                outbox.publish(OutboxRelayIT.command(caseId, "IRN")))));
        assertThat(relay.pendingCount()).isEqualTo(10);

        // The restarted relay works through the rows in batches of 4.
        int sent = 0;
        while (relay.pendingCount() > 0) {
            sent += relay.relayOnce();
        }

        assertThat(sent).isEqualTo(10);
        try (TopicProbe probe = TopicProbe.on(Topics.DETENTION_COMMANDS)) {
            List<ReceivedEvent> received = probe.await(e -> caseId.toString().equals(e.subject()), 10,
                    Duration.ofSeconds(30));
            assertThat(received).extracting(ReceivedEvent::id)
                    .containsExactlyElementsOf(written.stream().map(UUID::toString).toList());
            assertThat(received).extracting(ReceivedEvent::partition).containsOnly(received.get(0).partition());
        }
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where sent_at is null", Long.class))
                .isZero();
        assertThat(relay.relayOnce()).as("nothing is sent twice by the relay itself").isZero();
    }
}
