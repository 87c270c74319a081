package org.returnflow.workflow.api.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.platform.web.PageResponse;
import org.returnflow.workflow.api.ops.OpsViews.ParkedMessageView;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.messaging.InboxCorrelator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The replies the correlation inbox parked ({@code inbox_message} rows with status PARKED), and what
 * an operator does with them: retry one (PENDING again, due now, attempts reset, so the correlator
 * takes it up at once) or discard it (DISCARDED, with who, when and why). Each action is written to
 * the case's history under the authenticated principal, and to the audit trail, in one transaction
 * with the change. Discarded rows are deleted after {@code returnflow.workflow.ops.resolved-retention}.
 */
@Service
public class ParkedMessages {

    private static final Logger log = LoggerFactory.getLogger(ParkedMessages.class);
    private static final String SUBJECT = "InboxMessage";
    private static final String COLUMNS = "id, message_id, message_name, case_id, status, reason, attempts, last_error, "
            + "actor, created_at, resolved_by, resolved_at, resolution";
    private static final RowMapper<ParkedMessageView> VIEW = (rs, n) -> new ParkedMessageView(rs.getLong("id"),
            rs.getString("message_id"), rs.getString("message_name"), rs.getObject("case_id", UUID.class),
            rs.getString("status"), rs.getString("reason"), rs.getInt("attempts"), rs.getString("last_error"),
            rs.getString("actor"), instant(rs.getTimestamp("created_at")), rs.getString("resolved_by"),
            instant(rs.getTimestamp("resolved_at")), rs.getString("resolution"));

    private final JdbcTemplate jdbc;
    private final CaseRecords cases;
    private final InboxCorrelator correlator;
    private final AuditLog audit;

    public ParkedMessages(JdbcTemplate jdbc, CaseRecords cases, InboxCorrelator correlator, AuditLog audit,
                          MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.correlator = correlator;
        this.audit = audit;
        Gauge.builder("returnflow.workflow.inbox.parked.rows", this, p -> p.safely(p::parkedCount))
                .description("Replies parked now, waiting for an operator to retry or discard them").register(meters);
    }

    /** One page of parked replies, oldest first, optionally of one case and one park reason. */
    @Transactional(readOnly = true)
    public PageResponse<ParkedMessageView> page(UUID caseId, String reason, int page, int size) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where status = 'PARKED'");
        if (caseId != null) {
            where.append(" and case_id = ?");
            args.add(caseId);
        }
        if (reason != null) {
            where.append(" and reason = ?");
            args.add(reason);
        }
        Long total = jdbc.queryForObject("select count(*) from inbox_message" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<ParkedMessageView> content = jdbc.query("select " + COLUMNS + " from inbox_message" + where
                + " order by created_at, id limit ? offset ?", VIEW, args.toArray());
        return PageResponse.of(content, page, size, total == null ? 0 : total);
    }

    /**
     * Puts a parked reply back in the queue: PENDING, due now, attempts and error reset. The correlator
     * takes it up right after the commit; if its case still does not wait for it, it is parked again.
     *
     * @throws NotFoundException when there is no such row
     * @throws ConflictException when the row is not PARKED (already retried, correlated or discarded)
     */
    @Transactional
    public ParkedMessageView retry(long id, String why, String principal) {
        ParkedMessageView row = lockParked(id);
        jdbc.update("update inbox_message set status = 'PENDING', reason = null, attempts = 0, last_error = null, "
                + "next_attempt_at = now() where id = ?", id);
        record(row, principal, "PARKED_MESSAGE_RETRIED", why);
        correlator.nudgeAfterCommit(row.caseId());
        return find(id);
    }

    /**
     * Gives a parked reply up for good: DISCARDED, with who, when and why. It is never correlated.
     *
     * @throws NotFoundException when there is no such row
     * @throws ConflictException when the row is not PARKED
     */
    @Transactional
    public ParkedMessageView discard(long id, String why, String principal) {
        ParkedMessageView row = lockParked(id);
        jdbc.update("update inbox_message set status = 'DISCARDED', resolved_by = ?, resolved_at = now(), "
                + "resolution = ? where id = ?", principal, why, id);
        record(row, principal, "PARKED_MESSAGE_DISCARDED", why);
        return find(id);
    }

    /** Deletes discarded rows resolved longer ago than the retention. */
    public int pruneResolved(Duration retention) {
        return jdbc.update("delete from inbox_message where status = 'DISCARDED' and resolved_at < ?",
                Timestamp.from(Instant.now().minus(retention)));
    }

    public long parkedCount() {
        Long n = jdbc.queryForObject("select count(*) from inbox_message where status = 'PARKED'", Long.class);
        return n == null ? 0 : n;
    }

    private ParkedMessageView lockParked(long id) {
        List<ParkedMessageView> rows = jdbc.query("select " + COLUMNS + " from inbox_message where id = ? for update",
                VIEW, id);
        if (rows.isEmpty()) {
            throw new NotFoundException("Parked message", id);
        }
        ParkedMessageView row = rows.get(0);
        if (!"PARKED".equals(row.status())) {
            throw new ConflictException("Message " + id + " is " + row.status() + ", not PARKED");
        }
        return row;
    }

    private ParkedMessageView find(long id) {
        return jdbc.queryForObject("select " + COLUMNS + " from inbox_message where id = ?", VIEW, id);
    }

    /** The case history (when the case exists) and the audit trail, in the transaction of the change. */
    private void record(ParkedMessageView row, String principal, String action, String why) {
        String detail = row.messageName() + " " + row.messageId() + " (parked " + row.reason() + "): " + why;
        if (cases.status(row.caseId()) != CaseRecords.Status.UNKNOWN) {
            cases.append(row.caseId(), principal, action, detail);
        }
        audit.recordChange(action, SUBJECT, row.id(), "case " + row.caseId() + ", " + detail);
        log.info("{} {} {} for case {} by {}", action, row.messageName(), row.messageId(), row.caseId(), principal);
    }

    private double safely(java.util.function.LongSupplier count) {
        try {
            return count.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
