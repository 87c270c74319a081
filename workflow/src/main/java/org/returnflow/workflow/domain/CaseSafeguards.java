package org.returnflow.workflow.domain;

import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The safeguard state of a case, in the workflow's own tables: its blockers and where each came
 * from, the review and approval decisions with their authors, the overrides that four eyes allowed,
 * the consent that stands, and the seat it holds. Replies from the services and recorded decisions
 * are its only sources; the process reads it at every decision, and no process variable changes it.
 */
@Repository
public class CaseSafeguards {

    /** A blocker that still stands, with where it came from. */
    public record OpenBlocker(String code, String detail, String source) {
    }

    /** A review or approval decision. */
    public record Decision(long id, String kind, String decision, String actor, Instant decidedAt,
                           String justification, List<String> openBlockers, boolean needsApproval) {
    }

    /** The consent that stands: GIVEN only from a ConsentGiven with evidence (S3). */
    public record Consent(UUID consentId, String standing) {
        public boolean voluntary() {
            return "GIVEN".equals(standing);
        }
    }

    /** The seat the case holds. */
    public record Seat(UUID flightId, String seat, String flightNumber, Instant departureAt, String departureAirport,
                       List<String> stopoverAirports, String arrivalAirport) {
    }

    /** What the DMN destination-requirements decided for the case. */
    public record Requirements(boolean thirdCountry, boolean requiresConsent, int noticeHours,
                               boolean requiresTravelDocument, Integer maxPerFlight) {
    }

    public static final String LEGAL_REVIEW = "LEGAL_REVIEW";
    public static final String SUPERVISOR_APPROVAL = "SUPERVISOR_APPROVAL";

    private final JdbcTemplate jdbc;

    public CaseSafeguards(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- requirements ----

    public void requirements(UUID caseId, Requirements r) {
        jdbc.update("insert into case_requirement (case_id, third_country, requires_consent, notice_hours, "
                        + "requires_travel_document, max_per_flight) values (?, ?, ?, ?, ?, ?) on conflict (case_id) do update "
                        + "set third_country = excluded.third_country, requires_consent = excluded.requires_consent, "
                        + "notice_hours = excluded.notice_hours, requires_travel_document = excluded.requires_travel_document, "
                        + "max_per_flight = excluded.max_per_flight, decided_at = now()",
                caseId, r.thirdCountry(), r.requiresConsent(), r.noticeHours(), r.requiresTravelDocument(), r.maxPerFlight());
    }

    /**
     * @throws IllegalStateException when the case has none yet: no step that reads them runs before
     *                               the requirements are decided
     */
    public Requirements requirements(UUID caseId) {
        return jdbc.query("select third_country, requires_consent, notice_hours, requires_travel_document, max_per_flight "
                        + "from case_requirement where case_id = ?",
                (rs, n) -> new Requirements(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3), rs.getBoolean(4),
                        (Integer) rs.getObject(5)), caseId)
                .stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Case " + caseId + " has no destination requirements yet"));
    }

    // ---- blockers ----

    /** A fresh eligibility answer: its blockers replace every open one. */
    public void assessed(UUID caseId, UUID requestId, String messageId, List<Blocker> blockers) {
        jdbc.update("update case_blocker set cleared_at = now(), cleared_by = ? where case_id = ? and cleared_at is null",
                messageId, caseId);
        for (Blocker blocker : blockers) {
            jdbc.update("insert into case_blocker (case_id, code, detail, source, source_request, source_message) "
                            + "values (?, ?, ?, 'ASSESSMENT', ?, ?)",
                    caseId, blocker.code().name(), blocker.recordId() == null ? null : "record " + blocker.recordId(),
                    requestId, messageId);
        }
    }

    /** A legal hold was placed since the last answer: it blocks at once (S1). */
    public void holdPlaced(UUID caseId, String messageId, String detail) {
        jdbc.update("insert into case_blocker (case_id, code, detail, source, source_message) "
                        + "select ?, ?, ?, 'LEGAL_HOLD_PLACED', ? where not exists (select 1 from case_blocker "
                        + "where case_id = ? and code = ? and cleared_at is null)",
                caseId, BlockerCode.ACTIVE_LEGAL_HOLD.name(), detail, messageId, caseId, BlockerCode.ACTIVE_LEGAL_HOLD.name());
    }

    /** Every blocker that stands, overridden or not, in the order they were recorded. */
    public List<OpenBlocker> blockers(UUID caseId) {
        return jdbc.query("select code, detail, source from case_blocker where case_id = ? and cleared_at is null order by id",
                (rs, n) -> new OpenBlocker(rs.getString("code"), rs.getString("detail"), rs.getString("source")), caseId);
    }

    /** The codes that still block: every standing blocker a supervisor has not approved past. */
    public List<String> open(UUID caseId) {
        return jdbc.queryForList("select distinct b.code from case_blocker b where b.case_id = ? and b.cleared_at is null "
                + "and not exists (select 1 from case_override o where o.case_id = b.case_id and o.code = b.code) "
                + "order by b.code", String.class, caseId);
    }

    /** Overridable codes that a reviewer and a different supervisor approved past. */
    public List<String> overridden(UUID caseId) {
        return jdbc.queryForList("select distinct code from case_override where case_id = ? order by code", String.class,
                caseId);
    }

    // ---- decisions ----

    /** Records a review or approval decision and returns its id. */
    public long decided(UUID caseId, String taskId, String kind, String decision, String actor, String justification,
                        Collection<String> openBlockers, boolean needsApproval) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("insert into case_decision (case_id, task_id, kind, decision, "
                    + "actor, justification, open_blockers, needs_approval) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setObject(1, caseId);
            ps.setString(2, taskId);
            ps.setString(3, kind);
            ps.setString(4, decision);
            ps.setString(5, actor);
            ps.setString(6, truncate(justification, 2000));
            ps.setString(7, String.join(",", openBlockers));
            ps.setBoolean(8, needsApproval);
            return ps;
        }, key);
        return ((Number) key.getKeys().get("id")).longValue();
    }

    /** The newest decision of a kind for the case. */
    public Optional<Decision> latest(UUID caseId, String kind) {
        return jdbc.query("select id, kind, decision, actor, decided_at, justification, open_blockers, needs_approval "
                        + "from case_decision where case_id = ? and kind = ? order by id desc limit 1",
                (rs, n) -> new Decision(rs.getLong("id"), rs.getString("kind"), rs.getString("decision"),
                        rs.getString("actor"), rs.getTimestamp("decided_at").toInstant(), rs.getString("justification"),
                        codes(rs.getString("open_blockers")), rs.getBoolean("needs_approval")),
                caseId, kind).stream().findFirst();
    }

    /** A supervisor approved a review's PROCEED: its overridable blockers no longer block (four eyes). */
    public void overridden(UUID caseId, Decision review, long approvalId, String supervisor, Collection<String> codes) {
        for (String code : codes) {
            jdbc.update("insert into case_override (case_id, code, review_decision, approval_decision, reviewer, supervisor) "
                    + "values (?, ?, ?, ?, ?, ?)", caseId, code, review.id(), approvalId, review.actor(), supervisor);
        }
    }

    // ---- consent ----

    /** The consent that now stands for the case. */
    public void consent(UUID caseId, UUID consentId, String standing, String officer, String language, String interpreter,
                        String evidenceSha256, UUID requestId, String messageId) {
        jdbc.update("insert into case_consent (case_id, consent_id, standing, officer, language, interpreter, evidence_sha256, "
                        + "source_request, source_message) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (case_id) do update set "
                        + "consent_id = excluded.consent_id, standing = excluded.standing, officer = excluded.officer, "
                        + "language = excluded.language, interpreter = excluded.interpreter, "
                        + "evidence_sha256 = excluded.evidence_sha256, source_request = excluded.source_request, "
                        + "source_message = excluded.source_message, recorded_at = now()",
                caseId, consentId, standing, officer, language, interpreter, evidenceSha256, requestId, messageId);
    }

    public Optional<Consent> consent(UUID caseId) {
        return jdbc.query("select consent_id, standing from case_consent where case_id = ?",
                (rs, n) -> new Consent(rs.getObject("consent_id", UUID.class), rs.getString("standing")), caseId)
                .stream().findFirst();
    }

    // ---- seat ----

    public void seatBooked(UUID caseId, Seat seat, UUID requestId) {
        jdbc.update("insert into case_seat (case_id, flight_id, seat, flight_number, departure_at, departure_airport, "
                        + "stopover_airports, arrival_airport, source_request) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (case_id) do update set flight_id = excluded.flight_id, seat = excluded.seat, "
                        + "flight_number = excluded.flight_number, departure_at = excluded.departure_at, "
                        + "departure_airport = excluded.departure_airport, stopover_airports = excluded.stopover_airports, "
                        + "arrival_airport = excluded.arrival_airport, source_request = excluded.source_request, booked_at = now()",
                caseId, seat.flightId(), seat.seat(), seat.flightNumber(), Timestamp.from(seat.departureAt()),
                seat.departureAirport(), String.join(",", seat.stopoverAirports()), seat.arrivalAirport(), requestId);
    }

    /** The flight of the seat was rescheduled: the seat departs then. */
    public void departureChanged(UUID caseId, UUID flightId, Instant departureAt) {
        jdbc.update("update case_seat set departure_at = ? where case_id = ? and flight_id = ?",
                Timestamp.from(departureAt), caseId, flightId);
    }

    /** The manifest of the seat's flight was locked. */
    public void manifestLocked(UUID caseId, UUID flightId) {
        jdbc.update("update case_seat set manifest_locked_at = coalesce(manifest_locked_at, now()) "
                + "where case_id = ? and flight_id = ?", caseId, flightId);
    }

    /** Whether the manifest of the seat the case holds is locked already. */
    public boolean manifestLocked(UUID caseId) {
        return Boolean.TRUE.equals(jdbc.query("select manifest_locked_at is not null from case_seat where case_id = ?",
                rs -> rs.next() && rs.getBoolean(1), caseId));
    }

    /** The seat on this flight is gone (released, struck or cancelled); returns whether the case held it. */
    public boolean seatGone(UUID caseId, UUID flightId) {
        return jdbc.update("delete from case_seat where case_id = ? and flight_id = ?", caseId, flightId) > 0;
    }

    public Optional<Seat> seat(UUID caseId) {
        return jdbc.query("select flight_id, seat, flight_number, departure_at, departure_airport, stopover_airports, "
                        + "arrival_airport from case_seat where case_id = ?",
                (rs, n) -> new Seat(rs.getObject("flight_id", UUID.class), rs.getString("seat"), rs.getString("flight_number"),
                        rs.getTimestamp("departure_at").toInstant(), rs.getString("departure_airport"),
                        codes(rs.getString("stopover_airports")), rs.getString("arrival_airport")), caseId)
                .stream().findFirst();
    }

    private static List<String> codes(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of() : Arrays.asList(commaSeparated.split(","));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
