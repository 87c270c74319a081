package org.returnflow.workflow.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.contracts.workflow.CaseStateChanged;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.CaseJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The case records: one row per case in {@code removal_case}, its history in the append-only
 * {@code case_history}, and a {@code CaseStateChanged} on {@code workflow.events} for every change
 * of state. It is the one writer of {@code removal_case}: the case API's read model, fed by the
 * process through {@link CaseJournal} (states, and the safeguard facts the process has taken from
 * {@link CaseSafeguards}) and by the opening of cases. Everything runs in the caller's transaction,
 * which for the process is the engine's, so a rolled-back step leaves neither a state, nor a history
 * line, nor an event behind.
 */
@Repository
public class CaseRecords implements CaseJournal {

    private static final Logger log = LoggerFactory.getLogger(CaseRecords.class);
    private static final TypeReference<List<CaseBlocker>> BLOCKERS = new TypeReference<>() {
    };
    private static final String CASE_COLUMNS = "case_id, detainee_id, operation_id, destination_country, state, "
            + "voluntary, flight_id, blockers::text as blockers, created_at, updated_at, ended_at, facility_code";

    private final JdbcTemplate jdbc;
    private final EventOutbox outbox;

    public CaseRecords(JdbcTemplate jdbc, EventOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Whether a case exists and whether it has ended. */
    public enum Status { UNKNOWN, OPEN, ENDED }

    // ---- CaseJournal: called by the process, in the engine's transaction ----

    @Override
    public void stateChanged(String caseId, CaseState state, String actor, String detail) {
        UUID id = UUID.fromString(caseId);
        boolean ends = state == CaseState.REMOVED || state == CaseState.WITHDRAWN;
        List<Transition> transitions = jdbc.query(
                "with previous as (select case_id, state from removal_case where case_id = ? for update) "
                        + "update removal_case c set state = ?, updated_at = now(), "
                        + "ended_at = case when ? then coalesce(c.ended_at, now()) else null end "
                        + "from previous where c.case_id = previous.case_id "
                        + "returning previous.state as previous_state, c.detainee_id, c.operation_id, c.updated_at",
                (rs, n) -> new Transition(CaseState.valueOf(rs.getString("previous_state")),
                        rs.getObject("detainee_id", UUID.class), rs.getObject("operation_id", UUID.class),
                        rs.getTimestamp("updated_at").toInstant()),
                id, state.name(), ends);
        if (transitions.isEmpty()) {
            log.warn("State {} reported for case {}, which has no case record; ignored", state, caseId);
            return;
        }
        Transition t = transitions.get(0);
        if (t.previous() == state) {
            // The process confirms the state the record already has (OPEN at the start): no change to announce.
            append(id, actor, "STATE_CONFIRMED", state + (detail == null ? "" : ": " + detail));
            return;
        }
        append(id, actor, "STATE_CHANGED", t.previous() + " -> " + state + (detail == null ? "" : ": " + detail));
        outbox.publish(new CaseStateChanged(id, t.detaineeId(), t.operationId(), state, t.previous(), t.at()));
    }

    @Override
    public void record(String caseId, String actor, String kind, String detail) {
        append(UUID.fromString(caseId), actor, kind, detail);
    }

    // ---- Opening cases ----

    /**
     * Records a new open case in state OPEN and announces it.
     *
     * @param started whether its process instance is started in this same transaction
     * @throws org.springframework.dao.DuplicateKeyException when the person already has an open case (S7)
     */
    public void insert(UUID caseId, UUID detaineeId, UUID operationId, String destinationCountry, boolean started,
                       String actor) {
        jdbc.update("insert into removal_case (case_id, detainee_id, operation_id, destination_country, state, "
                        + "started_at) values (?, ?, ?, ?, 'OPEN', " + (started ? "now()" : "null") + ")",
                caseId, detaineeId, operationId, destinationCountry);
        opened(caseId, detaineeId, operationId, actor);
    }

    /**
     * Records one OPEN case per person of an operation, to be started by the {@link CaseStarter}.
     * A person who already has an open case gets none (S7).
     *
     * @return the new caseId of each person who got a case
     */
    public Map<UUID, UUID> insertForOperation(UUID operationId, String destinationCountry, List<UUID> detaineeIds,
                                              String actor) {
        UUID[] caseIds = new UUID[detaineeIds.size()];
        for (int i = 0; i < caseIds.length; i++) {
            caseIds[i] = UUID.randomUUID();
        }
        Map<UUID, UUID> created = new java.util.LinkedHashMap<>();
        jdbc.query("insert into removal_case (case_id, detainee_id, operation_id, destination_country, state) "
                        + "select c, d, ?, ?, 'OPEN' from unnest(?::uuid[], ?::uuid[]) as t(c, d) "
                        + "on conflict (detainee_id) where ended_at is null do nothing "
                        + "returning case_id, detainee_id",
                rs -> {
                    created.put(rs.getObject("detainee_id", UUID.class), rs.getObject("case_id", UUID.class));
                },
                operationId, destinationCountry, strings(List.of(caseIds)), strings(detaineeIds));
        for (Map.Entry<UUID, UUID> c : created.entrySet()) {
            opened(c.getValue(), c.getKey(), operationId, actor);
        }
        return created;
    }

    private void opened(UUID caseId, UUID detaineeId, UUID operationId, String actor) {
        append(caseId, actor, "CASE_OPENED", operationId == null ? null : "operation " + operationId);
        outbox.publish(new CaseStateChanged(caseId, detaineeId, operationId, CaseState.OPEN, null, Instant.now()));
    }

    /** The person's open case, if there is one. */
    public Optional<UUID> openCaseOf(UUID detaineeId) {
        return jdbc.query("select case_id from removal_case where detainee_id = ? and ended_at is null",
                (rs, n) -> rs.getObject(1, UUID.class), detaineeId).stream().findFirst();
    }

    /** The open cases of these people, by person. */
    public Map<UUID, UUID> openCasesOf(List<UUID> detaineeIds) {
        Map<UUID, UUID> open = new java.util.HashMap<>();
        jdbc.query("select detainee_id, case_id from removal_case where detainee_id = any(?::uuid[]) and ended_at is null",
                rs -> {
                    open.put(rs.getObject("detainee_id", UUID.class), rs.getObject("case_id", UUID.class));
                }, (Object) strings(detaineeIds));
        return open;
    }

    // ---- Facts the process has taken ----

    @Override
    public void factsChanged(UUID caseId) {
        jdbc.update("update removal_case c set updated_at = now(), "
                + "blockers = coalesce((select jsonb_agg(jsonb_build_object('code', b.code, 'detail', b.detail) order by b.id) "
                + "from case_blocker b where b.case_id = c.case_id and b.cleared_at is null), '[]'::jsonb), "
                + "voluntary = (select s.standing = 'GIVEN' from case_consent s where s.case_id = c.case_id), "
                + "flight_id = (select s.flight_id from case_seat s where s.case_id = c.case_id) "
                + "where c.case_id = ?", caseId);
    }

    /**
     * Detention described the person as held at this facility (DetaineeDescribed, or a transfer that
     * reached the case): the case is listed under it, and a facility-scoped client sees it. The
     * process calls this when it takes the description; the history line is the reply's own.
     */
    public void facilityDescribed(UUID caseId, String facilityCode) {
        jdbc.update("update removal_case set facility_code = ?, updated_at = now() where case_id = ? "
                + "and facility_code is distinct from ?", facilityCode, caseId, facilityCode);
    }

    /** Appends a line to the case's history. */
    public void append(UUID caseId, String actor, String kind, String detail) {
        jdbc.update("insert into case_history (case_id, actor, kind, detail) values (?, ?, ?, ?)",
                caseId, actor == null ? "system" : actor, kind, HistoryEntry.fitted(detail));
    }

    // ---- Reading ----

    public Status status(UUID caseId) {
        List<Boolean> ended = jdbc.query("select ended_at is not null from removal_case where case_id = ?",
                (rs, n) -> rs.getBoolean(1), caseId);
        if (ended.isEmpty()) {
            return Status.UNKNOWN;
        }
        return ended.get(0) ? Status.ENDED : Status.OPEN;
    }

    public Optional<RemovalCase> find(UUID caseId) {
        return jdbc.query("select " + CASE_COLUMNS + " from removal_case where case_id = ?", CASE, caseId)
                .stream().findFirst();
    }

    public List<HistoryEntry> history(UUID caseId) {
        return jdbc.query("select at, actor, kind, detail from case_history where case_id = ? order by id",
                (rs, n) -> new HistoryEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("kind"), rs.getString("detail")), caseId);
    }

    /** One page of the cases the query selects, newest first. */
    public List<RemovalCase> page(CaseQuery query, int page, int size) {
        CaseQuery.Condition where = query.condition();
        List<Object> args = new ArrayList<>(where.args());
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select " + CASE_COLUMNS + " from removal_case c" + where.where()
                + " order by c.created_at desc, c.case_id limit ? offset ?", CASE, args.toArray());
    }

    public long count(CaseQuery query) {
        CaseQuery.Condition where = query.condition();
        Long n = jdbc.queryForObject("select count(*) from removal_case c" + where.where(), Long.class,
                where.args().toArray());
        return n == null ? 0 : n;
    }

    /** How many cases of the operation are in each state; states without cases are absent. */
    public Map<CaseState, Long> countsByState(UUID operationId) {
        Map<CaseState, Long> counts = new EnumMap<>(CaseState.class);
        jdbc.query("select state, count(*) from removal_case where operation_id = ? group by state",
                rs -> {
                    counts.put(CaseState.valueOf(rs.getString(1)), rs.getLong(2));
                }, operationId);
        return counts;
    }

    private record Transition(CaseState previous, UUID detaineeId, UUID operationId, Instant at) {
    }

    private static final RowMapper<RemovalCase> CASE = CaseRecords::mapCase;

    private static RemovalCase mapCase(ResultSet rs, int n) throws SQLException {
        Object voluntary = rs.getObject("voluntary");
        return new RemovalCase(rs.getObject("case_id", UUID.class), rs.getObject("detainee_id", UUID.class),
                rs.getObject("operation_id", UUID.class), rs.getString("destination_country"),
                CaseState.valueOf(rs.getString("state")), (Boolean) voluntary, rs.getObject("flight_id", UUID.class),
                readBlockers(rs.getString("blockers")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("ended_at")), rs.getString("facility_code"));
    }

    private static List<CaseBlocker> readBlockers(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return ContractJson.mapper().readValue(json, BLOCKERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("removal_case.blockers is not a list of {code, detail}", e);
        }
    }

    /** UUIDs as a text array, which the driver binds and PostgreSQL casts to uuid[]. */
    private static String[] strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
