package org.returnflow.workflow.domain.report;

import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.report.CaseFile.Blocker;
import org.returnflow.workflow.domain.report.CaseFile.Consent;
import org.returnflow.workflow.domain.report.CaseFile.Decision;
import org.returnflow.workflow.domain.report.CaseFile.Override;
import org.returnflow.workflow.domain.report.CaseFile.Request;
import org.returnflow.workflow.domain.report.CaseFile.Requirement;
import org.returnflow.workflow.domain.report.CaseFile.Seat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads the case files of an operation: one query per table for all its cases, so a report of 500
 * cases is ten queries. Call it inside one read-only transaction, so every table is read at the
 * same moment.
 */
@Repository
public class CaseFiles {

    private final JdbcTemplate jdbc;

    public CaseFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The files of the operation's cases, oldest case first.
     *
     * @param reach the facilities the reader may see, or null for every case
     */
    public List<CaseFile> ofOperation(UUID operationId, Set<String> reach) {
        String cases = "select c.case_id from removal_case c where c.operation_id = ?"
                + (reach == null ? "" : " and c.facility_code = any(?::varchar[])");
        Object[] args = reach == null ? new Object[] {operationId}
                : new Object[] {operationId, reach.toArray(String[]::new)};
        return files(cases, args);
    }

    /**
     * The files of the cases on the flight: those holding a seat on it now, and those whose seat on it
     * was released or who were notified about it; oldest case first.
     */
    public List<CaseFile> ofFlight(UUID flightId) {
        return files("select r.case_id from case_request r where r.flight_id = ? "
                + "union select c.case_id from removal_case c where c.flight_id = ?", new Object[] {flightId, flightId});
    }

    /** The files of the cases the query {@code cases} selects (one column, case_id) with {@code args}. */
    private List<CaseFile> files(String cases, Object[] args) {

        Map<UUID, Requirement> requirements = new HashMap<>();
        jdbc.query("select case_id, third_country, requires_consent, notice_hours, requires_travel_document "
                + "from case_requirement where case_id in (" + cases + ")", rs -> {
                    requirements.put(id(rs), new Requirement(rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4), rs.getBoolean(5)));
                }, args);
        Map<UUID, Consent> consents = new HashMap<>();
        jdbc.query("select case_id, consent_id, standing, officer, language, interpreter, evidence_sha256, recorded_at "
                + "from case_consent where case_id in (" + cases + ")", rs -> {
                    consents.put(id(rs), new Consent(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8)));
                }, args);
        Map<UUID, Seat> seats = new HashMap<>();
        jdbc.query("select case_id, flight_id, seat, flight_number, departure_at, departure_airport, stopover_airports, "
                + "arrival_airport, booked_at from case_seat where case_id in (" + cases + ")", rs -> {
                    String stopovers = rs.getString(7);
                    String route = rs.getString(6) + (stopovers == null || stopovers.isBlank() ? ""
                            : "-" + stopovers.replace(',', '-')) + "-" + rs.getString(8);
                    seats.put(id(rs), new Seat(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            instant(rs, 5), route, instant(rs, 9)));
                }, args);
        Map<UUID, List<Blocker>> blockers = grouped("select case_id, id, code, source, source_request, recorded_at, "
                + "cleared_at from case_blocker where case_id in (" + cases + ") order by case_id, id", args,
                rs -> new Blocker(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class),
                        instant(rs, 6), instant(rs, 7)));
        Map<UUID, List<Decision>> decisions = grouped("select case_id, id, kind, decision, actor, decided_at, justification "
                + "from case_decision where case_id in (" + cases + ") order by case_id, id", args,
                rs -> new Decision(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6),
                        rs.getString(7)));
        Map<UUID, List<Override>> overrides = grouped("select case_id, code, reviewer, supervisor, approved_at "
                + "from case_override where case_id in (" + cases + ") order by case_id, id", args,
                rs -> new Override(rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5)));
        Map<UUID, List<Request>> requests = grouped("select case_id, request_id, seq, command, scope, detail, flight_id, "
                + "sent_at, superseded_at, answered_at, answer_type, delivered_at from case_request "
                + "where case_id in (" + cases + ") order by case_id, seq", args,
                rs -> new Request(rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, UUID.class), instant(rs, 8), instant(rs, 9), instant(rs, 10),
                        rs.getString(11), instant(rs, 12)));
        Map<UUID, List<HistoryEntry>> history = grouped("select case_id, at, actor, kind, detail from case_history "
                + "where case_id in (" + cases + ") order by case_id, id", args,
                rs -> new HistoryEntry(instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5)));

        List<CaseFile> files = new ArrayList<>();
        jdbc.query("select c.case_id, c.detainee_id, c.state, c.voluntary, c.facility_code, c.created_at, c.ended_at "
                + "from removal_case c where c.case_id in (" + cases + ") order by c.created_at, c.case_id", rs -> {
                    UUID caseId = id(rs);
                    files.add(new CaseFile(caseId, rs.getObject(2, UUID.class), CaseState.valueOf(rs.getString(3)),
                            (Boolean) rs.getObject(4), rs.getString(5), instant(rs, 6), instant(rs, 7),
                            requirements.get(caseId), consents.get(caseId), blockers.getOrDefault(caseId, List.of()),
                            decisions.getOrDefault(caseId, List.of()), overrides.getOrDefault(caseId, List.of()),
                            requests.getOrDefault(caseId, List.of()), seats.get(caseId),
                            history.getOrDefault(caseId, List.of())));
                }, args);
        return files;
    }

    /** The open cases, in every operation, of the people these files are about: S7 allows one each. */
    public Map<UUID, List<UUID>> openCasesOf(List<CaseFile> files) {
        Set<UUID> detaineeIds = files.stream().map(CaseFile::detaineeId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<UUID, List<UUID>> open = new LinkedHashMap<>();
        if (detaineeIds.isEmpty()) {
            return open;
        }
        jdbc.query("select detainee_id, case_id from removal_case where ended_at is null and detainee_id = any(?::uuid[]) "
                        + "order by detainee_id, created_at",
                (RowCallbackHandler) rs -> open.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(rs.getObject(2, UUID.class)),
                (Object) detaineeIds.stream().map(UUID::toString).toArray(String[]::new));
        return open;
    }

    private <T> Map<UUID, List<T>> grouped(String sql, Object[] args, RowReader<T> reader) {
        Map<UUID, List<T>> byCase = new HashMap<>();
        jdbc.query(sql, rs -> {
            byCase.computeIfAbsent(id(rs), k -> new ArrayList<>()).add(reader.read(rs));
        }, args);
        return byCase;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static UUID id(ResultSet rs) throws SQLException {
        return rs.getObject(1, UUID.class);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
