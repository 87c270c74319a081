package org.returnflow.platform.audit;

import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.util.List;

/**
 * The append-only audit trail (S8): every write names the authenticated principal, and every
 * read of a person's record names who read it and, for partners, why. The database refuses to
 * update or delete an entry.
 */
public class AuditLog {

    /** A partner's reads must say why: {@code ?purpose=}. */
    public static final String PURPOSE_PARAMETER = "purpose";

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One line of the trail. */
    public record Entry(long id, Instant at, String principal, String action, String subjectType, String subjectId,
                        String purpose, String detail) {
    }

    /**
     * Records a change made by the current caller; call it in the transaction of the change.
     *
     * @param action e.g. {@code REGISTERED}, {@code HOLD_PLACED}
     */
    public void recordChange(String action, String subjectType, Object subjectId, String detail) {
        insert(principal(), action, subjectType, subjectId, purpose(), detail);
    }

    /**
     * Records that the current caller read a person's record. A partner must give a purpose,
     * otherwise the read is refused with a 400 naming {@code purpose}.
     */
    public void recordRead(String subjectType, Object subjectId) {
        String purpose = purpose();
        boolean partner = Caller.find().map(Caller::partner).orElse(false);
        if (partner && (purpose == null || purpose.isBlank())) {
            throw new BadRequestException("Partner reads must state why: add ?purpose=", PURPOSE_PARAMETER);
        }
        insert(principal(), partner ? "PARTNER_READ" : "READ", subjectType, subjectId, purpose, null);
    }

    /** Records something the system did on its own behalf, e.g. a reaction to a message. */
    public void recordSystem(String principal, String action, String subjectType, Object subjectId, String detail) {
        insert(principal, action, subjectType, subjectId, null, detail);
    }

    /** The trail of one subject, oldest first, paged. */
    public List<Entry> forSubject(String subjectId, int page, int size) {
        return jdbc.query("select id, at, principal, action, subject_type, subject_id, purpose, detail "
                        + "from audit_entry where subject_id = ? order by at, id limit ? offset ?",
                (rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("principal"),
                        rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
                        rs.getString("purpose"), rs.getString("detail")),
                subjectId, size, (long) page * size);
    }

    public long countForSubject(String subjectId) {
        Long n = jdbc.queryForObject("select count(*) from audit_entry where subject_id = ?", Long.class, subjectId);
        return n == null ? 0 : n;
    }

    private void insert(String principal, String action, String subjectType, Object subjectId, String purpose,
                        String detail) {
        jdbc.update("insert into audit_entry (principal, action, subject_type, subject_id, purpose, detail) "
                        + "values (?, ?, ?, ?, ?, ?)",
                principal, action, subjectType, String.valueOf(subjectId), truncate(purpose, 200), truncate(detail, 1000));
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
