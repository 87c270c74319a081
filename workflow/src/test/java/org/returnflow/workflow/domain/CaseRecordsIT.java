package org.returnflow.workflow.domain;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.contracts.workflow.CaseStateChanged;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case records on real PostgreSQL: S7 in the database, the history append-only, every change announced. */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // The outbox rows stay for the test to read, and no instance starts for the recorded cases.
        "returnflow.messaging.relay.enabled=false", "returnflow.workflow.starter.poll-interval=1h"})
@ActiveProfiles("local")
class CaseRecordsIT {

    @Autowired
    CaseRecords cases;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void thePersonHasAtMostOneOpenCaseWhateverTheCodeDoes() {
        UUID person = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        inTransaction(() -> cases.insert(first, person, null, "IRN", true, "test"));

        assertThatThrownBy(() -> inTransaction(() -> cases.insert(UUID.randomUUID(), person, null, "IRN", true, "test")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(inTransaction(() -> cases.insertForOperation(null, "IRN", List.of(person, UUID.randomUUID()), "test")))
                .hasSize(1).doesNotContainKey(person);

        inTransaction(() -> cases.stateChanged(first.toString(), CaseState.WITHDRAWN, "reviewer1", "reason=WITHDRAWN_BY_REVIEW"));
        UUID second = UUID.randomUUID();
        inTransaction(() -> cases.insert(second, person, null, "PAN", true, "test"));
        assertThat(cases.openCaseOf(person)).contains(second);
    }

    @Test
    void everyChangeOfStateIsRecordedAndAnnouncedWithThePreviousState() {
        UUID caseId = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        inTransaction(() -> cases.insert(caseId, person, null, "IRN", true, "removal-operations"));
        inTransaction(() -> cases.stateChanged(caseId.toString(), CaseState.OPEN, "system", "detaineeId=" + person));
        inTransaction(() -> cases.stateChanged(caseId.toString(), CaseState.ELIGIBILITY_CHECK, "system", "stage=INITIAL"));
        inTransaction(() -> cases.stateChanged(caseId.toString(), CaseState.REMOVED, "system", null));

        RemovalCase removed = cases.find(caseId).orElseThrow();
        assertThat(removed.state()).isEqualTo(CaseState.REMOVED);
        assertThat(removed.endedAt()).isNotNull();
        assertThat(cases.history(caseId)).extracting(HistoryEntry::kind, HistoryEntry::actor, HistoryEntry::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CASE_OPENED", "removal-operations", null),
                        org.assertj.core.groups.Tuple.tuple("STATE_CONFIRMED", "system", "OPEN: detaineeId=" + person),
                        org.assertj.core.groups.Tuple.tuple("STATE_CHANGED", "system", "OPEN -> ELIGIBILITY_CHECK: stage=INITIAL"),
                        org.assertj.core.groups.Tuple.tuple("STATE_CHANGED", "system", "ELIGIBILITY_CHECK -> REMOVED"));

        List<CaseStateChanged> announced = jdbc.query("select payload::text from outbox_message "
                        + "where topic = 'workflow.events' and subject = ? order by id",
                (rs, n) -> ContractJson.fromBytes(rs.getString(1).getBytes(StandardCharsets.UTF_8), CaseStateChanged.class),
                caseId.toString());
        assertThat(announced).extracting(CaseStateChanged::previousState, CaseStateChanged::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, CaseState.OPEN),
                org.assertj.core.groups.Tuple.tuple(CaseState.OPEN, CaseState.ELIGIBILITY_CHECK),
                org.assertj.core.groups.Tuple.tuple(CaseState.ELIGIBILITY_CHECK, CaseState.REMOVED));
        assertThat(announced).allSatisfy(e -> assertThat(e.detaineeId()).isEqualTo(person));
    }

    @Test
    void theHistoryCannotBeRewritten() {
        UUID caseId = UUID.randomUUID();
        inTransaction(() -> cases.insert(caseId, UUID.randomUUID(), null, "IRN", true, "test"));

        assertThatThrownBy(() -> jdbc.update("update case_history set actor = 'someone-else' where case_id = ?", caseId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from case_history where case_id = ?", caseId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    }

    @Test
    void anOperationsCasesAreCountedByState() {
        UUID operation = UUID.randomUUID();
        jdbc.update("insert into removal_operation (id, name, destination_country, created_by) values (?, 'PTY-2026-02', 'PAN', 'test')",
                operation);
        Map<UUID, UUID> created = inTransaction(() -> cases.insertForOperation(operation, "PAN",
                List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()), "test"));
        UUID one = created.values().iterator().next();
        inTransaction(() -> cases.stateChanged(one.toString(), CaseState.LEGAL_REVIEW, "system", null));

        assertThat(cases.countsByState(operation)).containsExactlyInAnyOrderEntriesOf(
                Map.of(CaseState.OPEN, 2L, CaseState.LEGAL_REVIEW, 1L));
        assertThat(cases.count(new CaseQuery(CaseState.OPEN, operation, null, null, null, null))).isEqualTo(2);
        assertThat(cases.page(CaseQuery.ofOperation(operation, null), 0, 2)).hasSize(2);
    }

    @Test
    void casesAreFoundByFlightOpenBlockerAndFacilityNewestFirstWithinTheCallersReach() {
        UUID operation = UUID.randomUUID();
        jdbc.update("insert into removal_operation (id, name, destination_country, created_by) values (?, 'IRN-2026-09', 'IRN', 'test')",
                operation);
        UUID flight = UUID.randomUUID();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID caseId : ids) {
            // one transaction each, so that each is newer than the one before
            inTransaction(() -> cases.insert(caseId, UUID.randomUUID(), operation, "IRN", true, "test"));
        }
        UUID asf = ids.get(0);
        UUID booked = ids.get(1);
        UUID held = ids.get(2);
        UUID undescribed = ids.get(3);
        inTransaction(() -> {
            cases.facilityDescribed(asf, "LA-ASF");
            cases.facilityDescribed(booked, "LA-JENA");
            cases.facilityDescribed(held, "LA-JENA");
            jdbc.update("insert into case_seat (case_id, flight_id, seat, flight_number, departure_at, departure_airport, "
                    + "arrival_airport, source_request) values (?, ?, '12A', 'RF101', now() + interval '4 days', 'AEX', 'IKA', ?)",
                    booked, flight, UUID.randomUUID());
            cases.factsChanged(booked);
            // a hold that stands, and a permit that a newer answer cleared
            jdbc.update("insert into case_blocker (case_id, code, source, source_message) values (?, 'ACTIVE_LEGAL_HOLD', "
                    + "'LEGAL_HOLD_PLACED', 'ce-1')", held);
            jdbc.update("insert into case_blocker (case_id, code, source, source_message, cleared_at, cleared_by) values "
                    + "(?, 'VALID_RESIDENCE_PERMIT', 'ASSESSMENT', 'ce-2', now(), 'ce-3')", asf);
        });

        assertThat(ids(cases.page(CaseQuery.ofOperation(operation, null), 0, 10))).containsExactly(undescribed, held, booked, asf);
        assertThat(ids(cases.page(new CaseQuery(null, operation, flight, null, null, null), 0, 10))).containsExactly(booked);
        assertThat(cases.find(booked).orElseThrow().flightId()).isEqualTo(flight);
        assertThat(ids(cases.page(new CaseQuery(null, operation, null, "ACTIVE_LEGAL_HOLD", null, null), 0, 10))).containsExactly(held);
        assertThat(cases.count(new CaseQuery(null, operation, null, "VALID_RESIDENCE_PERMIT", null, null))).isZero();
        assertThat(ids(cases.page(new CaseQuery(null, operation, null, null, "LA-JENA", null), 0, 10))).containsExactly(held, booked);
        assertThat(cases.find(asf).orElseThrow().facilityCode()).isEqualTo("LA-ASF");
        // a facility-scoped reader sees its facilities only; a case not yet described is in nobody's facility
        assertThat(ids(cases.page(CaseQuery.ofOperation(operation, java.util.Set.of("LA-ASF", "LA-PINE")), 0, 10)))
                .containsExactly(asf);
        assertThat(cases.count(new CaseQuery(null, operation, null, null, "LA-JENA", java.util.Set.of("LA-ASF")))).isZero();
        // pages: newest first, page 1 of 2 holds the oldest two
        assertThat(ids(cases.page(CaseQuery.ofOperation(operation, null), 1, 2))).containsExactly(booked, asf);
    }

    private static List<UUID> ids(List<RemovalCase> page) {
        return page.stream().map(RemovalCase::caseId).toList();
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(s -> work.get());
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> work.run());
    }
}
