package org.returnflow.platform.audit;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The append-only, hash-chained audit trail (S8): every write names the authenticated principal (the
 * verified client id), and every read of a person's record names who read it and, for partners, why.
 * The database refuses to update, delete or truncate an entry, and {@link AuditChain} finds an entry
 * changed behind its back.
 *
 * <p><b>Appending.</b> Entries recorded in a transaction are held until just before it commits; then
 * they are inserted in one statement, and the database chains them (a trigger locks the chain's
 * head row, gives each entry the next id, its {@code prev_hash} and {@code hash}, and moves the
 * head on). The lock is held only from there to the commit, so writers that audit take turns only
 * for that last moment, and work that does not audit never waits. A rolled-back transaction leaves
 * no entry. Outside a transaction (or in a read-only one) the statement commits on its own.
 */
public class AuditLog {

    /** A partner's reads must say why: {@code ?purpose=}. */
    public static final String PURPOSE_PARAMETER = "purpose";

    /** Where every service answers whether its chain holds. */
    public static final String VERIFY_PATH = "/api/audit/verify";

    /** The scope that may ask: an operations scope, held by the {@code audit-verifier} client. */
    public static final String VERIFY_SCOPE = "audit:verify";

    private static final boolean JPA_PRESENT = ClassUtils.isPresent("org.springframework.orm.jpa.EntityManagerHolder",
            AuditLog.class.getClassLoader());

    private final JdbcTemplate jdbc;
    private final AuditChain chain;
    private final Timer appendTime = Timer.builder("returnflow.audit.append")
            .description("One audit insert, waiting for the chain's head included").register(Metrics.globalRegistry);
    private final Timer lockHeld = Timer.builder("returnflow.audit.chain.lock.held")
            .description("How long a transaction held the chain's head after its audit insert, until it ended")
            .register(Metrics.globalRegistry);

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.chain = new AuditChain(jdbc);
    }

    /**
     * One line of the trail.
     *
     * @param principal  the verified client id (or the service, for what it did on its own)
     * @param onBehalfOf the person the client says it acted for (e.g. the consent officer), as the
     *                   client sent it; never taken as the principal
     */
    public record Entry(long id, Instant at, String principal, String action, String subjectType, String subjectId,
                        String purpose, String detail, String onBehalfOf) {

        /** An entry made by the client itself, for nobody else. */
        public Entry(long id, Instant at, String principal, String action, String subjectType, String subjectId,
                     String purpose, String detail) {
            this(id, at, principal, action, subjectType, subjectId, purpose, detail, null);
        }
    }

    /**
     * Records a change made by the current caller; call it in the transaction of the change.
     *
     * @param action e.g. {@code REGISTERED}, {@code HOLD_PLACED}
     */
    public void recordChange(String action, String subjectType, Object subjectId, String detail) {
        recordChange(action, subjectType, subjectId, detail, null);
    }

    /**
     * Records a change made by the current caller for someone the client names, such as the officer
     * who took a decision. The principal stays the verified client; {@code onBehalfOf} is kept beside it.
     */
    public void recordChange(String action, String subjectType, Object subjectId, String detail, String onBehalfOf) {
        append(List.of(new Pending(principal(), onBehalfOf, action, subjectType, String.valueOf(subjectId), purpose(),
                detail)));
    }

    /**
     * Records that the current caller read a person's record. A partner must give a purpose,
     * otherwise the read is refused with a 400 naming {@code purpose}.
     */
    public void recordRead(String subjectType, Object subjectId) {
        recordListRead(subjectType, List.of(subjectId));
    }

    /**
     * Records that the current caller read a list of records: one entry per record returned, so that
     * each person's trail shows the read. Call it with the ids of the page returned (an empty page
     * records nothing). A partner must give a purpose, as for {@link #recordRead}.
     */
    public void recordListRead(String subjectType, Collection<?> subjectIds) {
        String purpose = purpose();
        boolean partner = Caller.find().map(Caller::partner).orElse(false);
        if (partner && (purpose == null || purpose.isBlank())) {
            throw new BadRequestException("Partner reads must state why: add ?purpose=", PURPOSE_PARAMETER);
        }
        String principal = principal();
        String detail = subjectIds.size() > 1 ? "one of " + subjectIds.size() + " in a list" : null;
        append(subjectIds.stream().map(id -> new Pending(principal, null, partner ? "PARTNER_READ" : "READ",
                subjectType, String.valueOf(id), purpose, detail)).toList());
    }

    /** Records something the system did on its own behalf, e.g. a reaction to a message. */
    public void recordSystem(String principal, String action, String subjectType, Object subjectId, String detail) {
        append(List.of(new Pending(principal, null, action, subjectType, String.valueOf(subjectId), null, detail)));
    }

    /** The trail of one subject, oldest first, paged. */
    public List<Entry> forSubject(String subjectId, int page, int size) {
        return jdbc.query("select id, at, principal, on_behalf_of, action, subject_type, subject_id, purpose, detail "
                        + "from audit_entry where subject_id = ? order by at, id limit ? offset ?",
                (rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("principal"),
                        rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
                        rs.getString("purpose"), rs.getString("detail"), rs.getString("on_behalf_of")),
                subjectId, size, (long) page * size);
    }

    public long countForSubject(String subjectId) {
        Long n = jdbc.queryForObject("select count(*) from audit_entry where subject_id = ?", Long.class, subjectId);
        return n == null ? 0 : n;
    }

    /** Walks the chain and names the first entry that does not fit. */
    public AuditChain.Verification verify() {
        return chain.verify();
    }

    /** An entry waiting for its transaction to commit. */
    private record Pending(String principal, String onBehalfOf, String action, String subjectType, String subjectId,
                           String purpose, String detail) {
    }

    private void append(List<Pending> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            pendingOfThisTransaction().addAll(entries);
        } else {
            insert(entries); // one statement: its own transaction, chained and committed at once
        }
    }

    /** The entries of the current transaction, appended just before it commits. */
    @SuppressWarnings("unchecked")
    private List<Pending> pendingOfThisTransaction() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (List<Pending>) bound;
        }
        List<Pending> pending = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, pending);
        TransactionSynchronizationManager.registerSynchronization(new AppendBeforeCommit(pending));
        return pending;
    }

    /** Appends a transaction's entries last among its before-commit work, and forgets them when it ends. */
    private final class AppendBeforeCommit implements TransactionSynchronization {
        private final List<Pending> pending;
        private long lockedSince;

        AppendBeforeCommit(List<Pending> pending) {
            this.pending = pending;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!pending.isEmpty()) {
                flushJpa();
                lockedSince = insert(List.copyOf(pending));
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
            if (lockedSince != 0) {
                lockHeld.record(System.nanoTime() - lockedSince, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * Inserts the entries in one statement; the database's trigger locks the chain's head, gives each
     * its id and chains it (V5__audit_hash_chain.sql). The lock lasts until the transaction ends.
     *
     * @return when the statement ended, i.e. since when the head has been locked ({@link System#nanoTime()})
     */
    private long insert(List<Pending> entries) {
        boolean onBehalf = entries.stream().anyMatch(e -> e.onBehalfOf() != null);
        String columns = "principal, " + (onBehalf ? "on_behalf_of, " : "") + "action, subject_type, subject_id, "
                + "purpose, detail";
        String row = onBehalf ? "(?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)";
        List<Object> values = new ArrayList<>();
        for (Pending e : entries) {
            values.add(e.principal());
            if (onBehalf) {
                values.add(truncate(e.onBehalfOf(), 200));
            }
            values.addAll(Arrays.asList(e.action(), e.subjectType(), e.subjectId(), truncate(e.purpose(), 200),
                    truncate(e.detail(), 1000)));
        }
        long started = System.nanoTime();
        jdbc.update("insert into audit_entry (" + columns + ") values "
                + String.join(", ", Collections.nCopies(entries.size(), row)), values.toArray());
        long inserted = System.nanoTime();
        appendTime.record(inserted - started, TimeUnit.NANOSECONDS);
        return inserted;
    }

    /**
     * Writes the JPA changes of the transaction before the head is locked, so that no flush at commit
     * waits for a row lock while holding the head (two writers could otherwise wait for each other).
     */
    private static void flushJpa() {
        if (JPA_PRESENT) {
            JpaFlush.flushBoundEntityManagers();
        }
    }

    private static String principal() {
        return Caller.find().map(Caller::principal).orElse("system");
    }

    private static String purpose() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest().getParameter(PURPOSE_PARAMETER);
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
