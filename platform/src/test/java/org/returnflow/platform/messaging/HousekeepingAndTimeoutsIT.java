package org.returnflow.platform.messaging;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's defaults on a real connection, with the statement timeout moved by its environment
 * variable; and housekeeping, which forgets processed ids and sent outbox rows only after their
 * retention.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "returnflow.messaging.consumes=",
        "returnflow.messaging.relay.enabled=false",
        "RETURNFLOW_DB_STATEMENT_TIMEOUT=1s"})
class HousekeepingAndTimeoutsIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    MessagingHousekeeping housekeeping;
    @Autowired
    EventOutbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate tx;

    @Test
    void everyConnectionHasStatementIdleTransactionSocketAndConnectTimeouts() throws Exception {
        assertThat(jdbc.queryForObject("show statement_timeout", String.class)).as("from the environment").isEqualTo("1s");
        assertThat(jdbc.queryForObject("show idle_in_transaction_session_timeout", String.class)).isEqualTo("1min");
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getNetworkTimeout()).as("pgjdbc socketTimeout, ms").isEqualTo(90_000);
        }
        assertThat(((HikariDataSource) dataSource).getDataSourceProperties()).containsEntry("connectTimeout", "10");

        // The server cancels a statement that runs too long, and the platform retries such a failure.
        assertThatThrownBy(() -> jdbc.queryForObject("select pg_sleep(30)", String.class))
                .isInstanceOfSatisfying(DataAccessException.class,
                        e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TRANSIENT))
                .hasMessageContaining("statement timeout");
    }

    @Test
    void processedIdsAndSentRowsAreForgottenOnlyAfterTheirRetention() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        jdbc.update("insert into processed_message (message_id, consumer, type, processed_at) "
                + "values (?, 'platform-test', 't', now() - interval '36 days')", old);
        jdbc.update("insert into processed_message (message_id, consumer, type, processed_at) "
                + "values (?, 'platform-test', 't', now() - interval '34 days')", recent);
        UUID oldSent = tx.execute(s -> outbox.publish(OutboxRelayIT.command(UUID.randomUUID(), "IRN")));
        UUID recentSent = tx.execute(s -> outbox.publish(OutboxRelayIT.command(UUID.randomUUID(), "IRN")));
        UUID unsent = tx.execute(s -> outbox.publish(OutboxRelayIT.command(UUID.randomUUID(), "IRN")));
        jdbc.update("update outbox_message set sent_at = now() - interval '8 days' where event_id = ?", oldSent);
        jdbc.update("update outbox_message set sent_at = now() - interval '6 days' where event_id = ?", recentSent);
        jdbc.update("update outbox_message set created_at = now() - interval '60 days' where event_id = ?", unsent);

        housekeeping.pruneOnce();

        assertThat(jdbc.queryForList("select message_id from processed_message", String.class))
                .contains(recent).doesNotContain(old);
        assertThat(jdbc.queryForList("select event_id from outbox_message", UUID.class))
                .contains(recentSent, unsent).doesNotContain(oldSent);
        assertThat(relay.pendingCount()).isEqualTo(1);
    }
}
