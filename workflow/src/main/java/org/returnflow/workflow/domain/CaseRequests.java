package org.returnflow.workflow.domain;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The commands the process sent for each case ({@code case_request}), and whether a reply answers the
 * one the process is waiting for. A command's CloudEvents id is its request id, and every reply
 * carries it in {@code requestId}. A reply is taken only while its request is the newest of its
 * command and scope (a SendNotification's scope is its recipient), not yet answered and not
 * superseded; anything else is stale.
 */
@Repository
public class CaseRequests {

    /** Why a reply does or does not answer the request the process waits for. */
    public enum Standing {
        /** The newest, unanswered request of its kind for this case. */
        CURRENT,
        /** The reply names no request at all. */
        NO_REQUEST,
        /** No command of this case was sent with that id, or it was another command. */
        UNKNOWN_REQUEST,
        /** A newer request of the same kind was sent since, or the seat it was about is gone. */
        SUPERSEDED,
        /** Another reply answered the request already. */
        ANSWERED;

        public boolean current() {
            return this == CURRENT;
        }
    }

    private final JdbcTemplate jdbc;

    public CaseRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a command the process sends. An older unanswered request of the same command and scope
     * is superseded: its reply, should it still come, is stale.
     *
     * @param scope    what makes requests of one command distinct waits ({@code ""} when nothing does)
     * @param detail   the stage, reason or template, for the history
     * @param flightId the flight a notice is about, else null
     */
    public void sent(UUID caseId, UUID requestId, String command, String scope, String detail, UUID flightId) {
        jdbc.update("update case_request set superseded_at = now(), superseded_by = ? "
                        + "where case_id = ? and command = ? and scope = ? and superseded_at is null and answered_at is null",
                "request " + requestId, caseId, command, scope);
        jdbc.update("insert into case_request (request_id, case_id, command, scope, detail, flight_id) "
                + "values (?, ?, ?, ?, ?, ?)", requestId, caseId, command, scope, detail, flightId);
    }

    /** Whether a reply to {@code command} naming {@code requestId} answers the request the case waits for. */
    public Standing standing(UUID caseId, UUID requestId, String command) {
        if (requestId == null) {
            return Standing.NO_REQUEST;
        }
        List<Standing> found = jdbc.query("select r.case_id = ? and r.command = ? as ours, r.superseded_at is not null "
                        + "as superseded, r.answered_at is not null as answered, exists (select 1 from case_request n "
                        + "where n.case_id = r.case_id and n.command = r.command and n.scope = r.scope and n.seq > r.seq) "
                        + "as older from case_request r where r.request_id = ?",
                (rs, n) -> !rs.getBoolean("ours") ? Standing.UNKNOWN_REQUEST
                        : rs.getBoolean("superseded") || rs.getBoolean("older") ? Standing.SUPERSEDED
                        : rs.getBoolean("answered") ? Standing.ANSWERED : Standing.CURRENT,
                caseId, command, requestId);
        return found.isEmpty() ? Standing.UNKNOWN_REQUEST : found.get(0);
    }

    /** Marks the request answered by this message; a second answer to it is then stale. */
    public void answered(UUID requestId, String answerType, String messageId) {
        jdbc.update("update case_request set answered_at = now(), answer_type = ?, answer_message = ? "
                + "where request_id = ? and answered_at is null", answerType, messageId, requestId);
    }

    /** The notice this request asked for was delivered at that instant: the S4 window is measured from it. */
    public void delivered(UUID requestId, Instant deliveredAt) {
        jdbc.update("update case_request set delivered_at = ? where request_id = ?", Timestamp.from(deliveredAt), requestId);
    }

    /**
     * Whether the request this message answered is still the newest of its kind and not superseded,
     * checked again when the reply is correlated: the process may have asked again meanwhile.
     */
    public boolean stillAnsweredBy(UUID requestId, String messageId) {
        Boolean current = jdbc.query("select r.superseded_at is null and r.answer_message = ? and not exists "
                        + "(select 1 from case_request n where n.case_id = r.case_id and n.command = r.command "
                        + "and n.scope = r.scope and n.seq > r.seq) from case_request r where r.request_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, messageId, requestId);
        return Boolean.TRUE.equals(current);
    }

    /** Whether the case waits for an answer to {@code command}: its newest request is unanswered. */
    public boolean awaiting(UUID caseId, String command) {
        Boolean awaiting = jdbc.query("select superseded_at is null and answered_at is null from case_request "
                        + "where case_id = ? and command = ? order by seq desc limit 1",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, caseId, command);
        return Boolean.TRUE.equals(awaiting);
    }

    /**
     * Supersedes every request of a command: their answers, still to come or still waiting in the
     * inbox to be correlated, can no longer be right.
     */
    public void supersede(UUID caseId, String command, String why) {
        jdbc.update("update case_request set superseded_at = now(), superseded_by = ? "
                + "where case_id = ? and command = ? and superseded_at is null", why, caseId, command);
    }

    /**
     * The seat on a flight is gone: notices about that flight, answered or not, no longer count
     * towards the notice window, and a late answer to one of them is stale.
     */
    public void supersedeNoticesAbout(UUID caseId, UUID flightId, String command, String why) {
        jdbc.update("update case_request set superseded_at = now(), superseded_by = ? "
                + "where case_id = ? and command = ? and flight_id = ? and superseded_at is null", why, caseId, command, flightId);
    }

    /**
     * When the last of the newest notices about a flight was delivered, if every newest notice of
     * the case about that flight was delivered; empty while any is not.
     */
    public Optional<Instant> allDelivered(UUID caseId, String command, UUID flightId) {
        return jdbc.query("select count(*) filter (where r.delivered_at is null) as missing, max(r.delivered_at) as latest, "
                        + "count(*) as notices from case_request r where r.case_id = ? and r.command = ? and r.flight_id = ? "
                        + "and r.superseded_at is null and not exists (select 1 from case_request n where n.case_id = r.case_id "
                        + "and n.command = r.command and n.scope = r.scope and n.seq > r.seq)",
                rs -> {
                    if (!rs.next() || rs.getLong("notices") == 0 || rs.getLong("missing") > 0) {
                        return Optional.<Instant>empty();
                    }
                    return Optional.of(rs.getTimestamp("latest").toInstant());
                }, caseId, command, flightId);
    }
}
