package org.returnflow.platform.messaging;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a failure to handle a message says about retrying it.
 *
 * <ul>
 *   <li>{@link #PERMANENT}: the message can never succeed ({@link PoisonMessageException}: not a
 *   CloudEvent, or data that fails its contract; {@link MessageRejectedException}: it breaks a
 *   business rule). It goes to {@code <topic>.DLT} at once.</li>
 *   <li>{@link #TRANSIENT}: the message is fine but something it needs is not there right now: no
 *   database connection, a timeout, a lock or serialization conflict, an unreachable broker. It is
 *   retried with capped backoff for as long as it takes, and never dead-lettered.</li>
 *   <li>{@link #UNKNOWN}: anything else, typically a fault in the handler. It is retried a bounded
 *   number of times ({@code returnflow.messaging.retry.max-retries}) and then dead-lettered, so that
 *   one bad message cannot stall its partition; once the fault is fixed, {@code ./returnflow dlt
 *   replay} carries it through.</li>
 * </ul>
 * The whole cause chain is examined: a {@code TransactionSystemException} whose cause is a lost
 * connection is transient, and so is a failed rollback whose overridden application exception is (the
 * chaos test met it: PostgreSQL killed mid-transaction, the rollback then failed on the closed
 * connection); an explicit permanent failure wins over everything else.
 */
public enum FailureKind {
    PERMANENT,
    TRANSIENT,
    UNKNOWN;

    private static final List<Class<? extends Throwable>> TRANSIENT_TYPES = List.of(
            CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class,
            TransientDataAccessException.class,
            RecoverableDataAccessException.class,
            SQLTransientException.class,
            SQLRecoverableException.class,
            org.apache.kafka.common.errors.RetriableException.class,
            SocketException.class,
            SocketTimeoutException.class);

    /**
     * Exceptions of libraries the platform does not depend on, by simple class name: JPA and
     * Hibernate lock and connection failures, Camunda's optimistic locking.
     */
    private static final Set<String> TRANSIENT_NAMES = Set.of(
            "OptimisticLockException", "PessimisticLockException", "LockTimeoutException",
            "QueryTimeoutException", "StaleObjectStateException", "StaleStateException",
            "JDBCConnectionException", "LockAcquisitionException", "OptimisticLockingException");

    /**
     * PostgreSQL SQLSTATEs (by prefix) that a later attempt may not meet: connection exceptions (08),
     * serialization failure and deadlock (40001, 40P01), insufficient resources (53), operator
     * intervention such as a statement timeout or a server shutting down (57), lock not available
     * (55P03), an idle transaction ended by timeout (25P03), system I/O errors (58).
     */
    private static final List<String> TRANSIENT_SQL_STATES = List.of(
            "08", "40001", "40P01", "53", "57", "55P03", "25P03", "58");

    /** Classifies a failure by its whole cause chain. */
    public static FailureKind of(Throwable failure) {
        boolean transientSeen = false;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.Deque<Throwable> chains = new java.util.ArrayDeque<>();
        chains.add(failure);
        while (!chains.isEmpty()) {
            for (Throwable t = chains.poll(); t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
                if (t instanceof PoisonMessageException || t instanceof MessageRejectedException) {
                    return PERMANENT;
                }
                transientSeen |= isTransient(t);
                // A rollback that fails after the work failed (the connection was lost: Hikari's "Connection is
                // closed" carries no SQLSTATE) is thrown instead of the work's own failure, which it keeps aside.
                if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                    chains.add(rollback.getApplicationException());
                }
            }
        }
        return transientSeen ? TRANSIENT : UNKNOWN;
    }

    /** The innermost cause, which says what really went wrong; the failure itself when it has none. */
    public static Throwable rootCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable root = failure;
        while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null) {
            root = root.getCause();
        }
        return root;
    }

    private static boolean isTransient(Throwable t) {
        for (Class<? extends Throwable> type : TRANSIENT_TYPES) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRANSIENT_NAMES.contains(c.getSimpleName())) {
                return true;
            }
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            for (String prefix : TRANSIENT_SQL_STATES) {
                if (sql.getSQLState().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
