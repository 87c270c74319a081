package org.returnflow.platform.messaging;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureKindTest {

    @Test
    void aLostDatabaseIsTransientHoweverDeepItIsWrapped() {
        // What the dispatcher's TransactionTemplate throws while PostgreSQL is down, as the container wraps it.
        Exception noConnection = new ListenerExecutionFailedException("listener failed",
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
        assertThat(FailureKind.of(noConnection)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new CannotGetJdbcConnectionException("no connection"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new DataAccessResourceFailureException("I/O error"))).isEqualTo(FailureKind.TRANSIENT);
        // The commit itself failed because the server went away (SQLSTATE 08006, connection failure).
        assertThat(FailureKind.of(new TransactionSystemException("Could not commit",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void timeoutsLocksAndConflictsAreTransient() {
        assertThat(FailureKind.of(new QueryTimeoutException("statement timeout"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new SQLTimeoutException("timeout"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new OptimisticLockingFailureException("stale"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new PessimisticLockingFailureException("lock"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new CannotAcquireLockException("lock"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("canceling statement due to statement timeout",
                "57014")))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("deadlock detected", "40P01"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("could not serialize access", "40001"))))
                .isEqualTo(FailureKind.TRANSIENT);
        // A library the platform does not depend on, recognised by name (Camunda's optimistic locking).
        assertThat(FailureKind.of(new OptimisticLockingException("ENGINE-03005"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void anUnreachableBrokerIsTransientButARecordItRefusesIsNot() {
        assertThat(FailureKind.of(new TimeoutException("Topic not present in metadata"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new NotLeaderOrFollowerException("moved"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new IllegalStateException(new ConnectException("refused"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RecordTooLargeException("too large"))).isEqualTo(FailureKind.UNKNOWN);
    }

    @Test
    void poisonAndRejectedMessagesArePermanentEvenWhenSomethingTransientIsAlsoInTheChain() {
        assertThat(FailureKind.of(new PoisonMessageException("not a CloudEvent", null))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new ListenerExecutionFailedException("failed",
                new MessageRejectedException("SEAT_CAPACITY")))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new MessageRejectedException("RULE", new QueryTimeoutException("slow"))))
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aBugOrAConstraintViolationIsUnknown() {
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.UNKNOWN);
        assertThat(FailureKind.of(new IllegalStateException("handler cannot assess"))).isEqualTo(FailureKind.UNKNOWN);
        assertThat(FailureKind.of(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isEqualTo(FailureKind.UNKNOWN);
    }

    @Test
    void aRollbackThatFailsOnTheClosedConnectionAfterTheDatabaseWentAwayIsTransient() {
        // what TransactionTemplate throws when PostgreSQL dies inside the work: the rollback's failure on the
        // connection Hikari already closed, with the work's own I/O error (08006) kept as the application exception
        org.springframework.transaction.TransactionSystemException rollback =
                new org.springframework.transaction.TransactionSystemException("Could not roll back JPA transaction",
                        new RuntimeException("Unable to rollback against JDBC Connection",
                                new java.sql.SQLException("Connection is closed")));
        rollback.initApplicationException(new RuntimeException("could not execute statement",
                new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(FailureKind.of(rollback)).isEqualTo(FailureKind.TRANSIENT);

        org.springframework.transaction.TransactionSystemException afterABug =
                new org.springframework.transaction.TransactionSystemException("Could not roll back JPA transaction",
                        new java.sql.SQLException("Connection is closed"));
        afterABug.initApplicationException(new IllegalStateException("a bug"));
        assertThat(FailureKind.of(afterABug)).isEqualTo(FailureKind.UNKNOWN);
    }

    @Test
    void aCauseChainWithACycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(FailureKind.of(a)).isEqualTo(FailureKind.UNKNOWN);
    }

    /** Stands in for org.camunda.bpm.engine.OptimisticLockingException, which the platform does not depend on. */
    private static final class OptimisticLockingException extends RuntimeException {
        OptimisticLockingException(String message) {
            super(message);
        }
    }
}
