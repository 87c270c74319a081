package org.returnflow.workflow.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.process.OverdueTimers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies meet the process through the inbox, on real PostgreSQL and Kafka. The instances here
 * belong to small probe models deployed by the test, so that each race is set up exactly: the
 * probe waits for {@code DetaineeDescribed}, then for {@code EligibilityAssessed}.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrelationInboxIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    CaseRecords cases;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CaseRequests requests;
    @Autowired
    CaseSafeguards safeguards;
    @Autowired
    ManagementService management;
    @Autowired
    OverdueTimers overdueTimers;
    @Autowired
    InboxCorrelator correlator;
    @Autowired
    DataSource dataSource;

    CloudEventSender detention;
    CloudEventSender flight;

    @BeforeAll
    void deployProbesAndConnect() {
        BpmnModelInstance replies = Bpmn.createExecutableProcess("inbox-probe").camundaHistoryTimeToLive(1)
                .startEvent()
                .receiveTask("Wait_Described").message("DetaineeDescribed")
                .receiveTask("Wait_Eligibility").message("EligibilityAssessed").camundaInputParameter("stage", "INITIAL")
                .endEvent().done();
        BpmnModelInstance flights = Bpmn.createExecutableProcess("flight-probe").camundaHistoryTimeToLive(1)
                .startEvent()
                .receiveTask("Wait_Flight").message("FlightScheduled")
                .endEvent().done();
        BpmnModelInstance timer = Bpmn.createExecutableProcess("timer-probe").camundaHistoryTimeToLive(1)
                .startEvent()
                .intermediateCatchEvent("Timer_ReplyTimeout").timerWithDuration("PT6H")
                .endEvent().done();
        repository.createDeployment().name("inbox probes")
                .addModelInstance("inbox-probe.bpmn", replies)
                .addModelInstance("flight-probe.bpmn", flights)
                .addModelInstance("timer-probe.bpmn", timer)
                .deploy();
        String kafka = Infrastructure.get().kafkaBootstrapServers();
        detention = new CloudEventSender(kafka, "/returnflow/detention-service");
        flight = new CloudEventSender(kafka, "/returnflow/flight-service");
    }

    @AfterAll
    void disconnect() {
        detention.close();
        flight.close();
    }

    @Test
    void aReplyThatArrivesBeforeTheInstanceWaitsIsCorrelatedOnceItWaits() {
        long correlatedBefore = correlationsTimed("EligibilityAssessed");
        UUID caseId = openProbeCase("inbox-probe");

        // The assessment arrives while the instance still waits for the description.
        detention.send(assessed(caseId, asked(caseId, "AssessEligibility")));
        await().atMost(WAIT).until(() -> pendingAttempts(caseId) >= 1);
        assertThat(waitingAt(caseId)).isEqualTo("Wait_Described");

        // The description lets the instance reach the receive task, and the held reply meets it.
        detention.send(described(caseId, asked(caseId, "DescribeDetainee")));
        await().atMost(WAIT).until(() -> instance(caseId) == null);

        Map<String, Object> variables = finalVariables(caseId);
        assertThat(variables).containsEntry("nationality", "IRN").containsEntry("preferredLanguage", "fa")
                .containsEntry("detainedSince", "2025-03-01").containsEntry("facilityCode", "LA-JENA")
                .containsEntry("hasCounsel", true);
        // The blockers are a record of the case, not a variable anyone could set.
        assertThat(variables).doesNotContainKeys("eligible", "blockers");
        assertThat(safeguards.open(caseId)).containsExactly("ACTIVE_LEGAL_HOLD");
        assertThat(inboxRows(caseId)).isZero();
        assertThat(cases.history(caseId)).extracting(HistoryEntry::kind, HistoryEntry::actor)
                .contains(org.assertj.core.groups.Tuple.tuple("ELIGIBILITY_ASSESSED", "detention-service"),
                        org.assertj.core.groups.Tuple.tuple("DETAINEE_DESCRIBED", "detention-service"));
        // Its wait from being taken in to its correlation is on the correlation latency timer, once.
        assertThat(correlationsTimed("EligibilityAssessed")).isEqualTo(correlatedBefore + 1);
    }

    @Test
    void aCaseWhoseTimerIsPastDueAndDidNotFireCountsAsOverdueUntilItMovesOrIsSuspended() {
        double before = overdueGauge();
        UUID caseId = openProbeCase("timer-probe");
        String instanceId = instance(caseId).getId();
        String job = management.createJobQuery().processInstanceId(instanceId).timers().singleResult().getId();
        assertThat(overdueGauge()).as("a timer due in six hours").isEqualTo(before);

        // Its job failed for good (an incident), so the executor leaves it; it was due ten minutes ago.
        management.setJobRetries(job, 0);
        management.setJobDuedate(job, Date.from(Instant.now().minus(Duration.ofMinutes(10))));
        assertThat(overdueGauge()).isEqualTo(before + 1);
        assertThat(overdueTimers.count()).isEqualTo((long) before + 1);

        // An operator suspended the case: it is not stuck, it waits on purpose.
        runtime.suspendProcessInstanceById(instanceId);
        assertThat(overdueGauge()).isEqualTo(before);
        runtime.activateProcessInstanceById(instanceId);
        assertThat(overdueGauge()).isEqualTo(before + 1);

        // Retried, the timer fires and the case moves on.
        management.setJobRetries(job, 1);
        try {
            management.executeJob(job);
        } catch (org.camunda.bpm.engine.ProcessEngineException alreadyRun) {
            // the job executor fired it first; the instance check below says whether the case moved
        }
        await().atMost(WAIT).until(() -> instance(caseId) == null);
        assertThat(overdueGauge()).isEqualTo(before);
    }

    private long correlationsTimed(String message) {
        io.micrometer.core.instrument.Timer timer = meters.find("returnflow.workflow.correlation.latency")
                .tag("message", message).timer();
        return timer == null ? 0 : timer.count();
    }

    private double overdueGauge() {
        return meters.get("returnflow.workflow.timers.overdue").gauge().value();
    }

    @Test
    void theLaneANewReplyWakesIsTheLaneThatClaimsIt() {
        for (int i = 0; i < 200; i++) {
            UUID caseId = UUID.randomUUID();
            for (int lanes : new int[]{1, 2, 3, 7}) {
                Integer inSql = jdbc.queryForObject("select get_byte(uuid_send(?::uuid), 15) % ?", Integer.class,
                        caseId.toString(), lanes);
                assertThat(InboxCorrelator.laneOf(caseId, lanes)).as("lane of %s among %d", caseId, lanes)
                        .isEqualTo(inSql);
            }
        }
    }

    /**
     * Two workflow nodes on one database: while another node holds every lane (as it does while it
     * correlates), this node takes no reply; once the other lets go, it correlates the reply.
     */
    @Test
    void aLaneAnotherNodeWorksIsLeftToItUntilItLetsGo() throws Exception {
        UUID caseId = openProbeCase("inbox-probe");
        try (Connection otherNode = dataSource.getConnection()) {
            try {
                for (int lane = 0; lane < 16; lane++) {
                    try (PreparedStatement lock = otherNode.prepareStatement("select pg_advisory_lock(?, ?)")) {
                        lock.setInt(1, InboxCorrelator.LANE_LOCK);
                        lock.setInt(2, lane);
                        lock.execute();
                    }
                }
                jdbc.update("insert into inbox_message (message_id, message_name, case_id, variables, actor, attempts, "
                                + "next_attempt_at) values (?, 'DetaineeDescribed', ?, '{\"nationality\":\"IRN\"}'::jsonb, "
                                + "'detention-service', 0, now())", UUID.randomUUID().toString(), caseId);
                correlator.nudgeAfterCommit(caseId);
                Thread.sleep(2_000);
                assertThat(inboxRows(caseId)).as("left to the node that holds the lane").isEqualTo(1);
                assertThat(waitingAt(caseId)).isEqualTo("Wait_Described");
            } finally {
                // the other node lets go (its connection goes back to the pool, so it unlocks explicitly)
                try (PreparedStatement unlock = otherNode.prepareStatement("select pg_advisory_unlock_all()")) {
                    unlock.execute();
                }
            }
        }
        await().atMost(WAIT).until(() -> "Wait_Eligibility".equals(waitingAt(caseId)));
        assertThat(inboxRows(caseId)).isZero();
    }

    @Test
    void aRedeliveredReplyChangesNothing() {
        UUID caseId = openProbeCase("inbox-probe");
        String id = UUID.randomUUID().toString();
        UUID describe = asked(caseId, "DescribeDetainee");

        detention.send(described(caseId, describe), id);
        await().atMost(WAIT).until(() -> "Wait_Eligibility".equals(waitingAt(caseId)));
        detention.send(described(caseId, describe), id);
        // Same key, same partition: once this one is handled, the redelivery before it was too.
        detention.send(assessed(caseId, asked(caseId, "AssessEligibility")));
        await().atMost(WAIT).until(() -> instance(caseId) == null);

        assertThat(cases.history(caseId)).filteredOn(h -> h.kind().equals("DETAINEE_DESCRIBED")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_message where message_id = ?", Long.class, id))
                .isEqualTo(1);
        assertThat(inboxRows(caseId)).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(finalInstanceId(caseId))
                .activityId("Wait_Eligibility").count()).isEqualTo(1);
    }

    @Test
    void aReplyLeftInTheInboxBeforeARestartIsCorrelated() {
        UUID caseId = openProbeCase("inbox-probe");
        // As a previous run of the workflow would have left it: pending, and due long ago.
        jdbc.update("insert into inbox_message (message_id, message_name, case_id, variables, actor, attempts, "
                        + "next_attempt_at, last_error) values (?, 'DetaineeDescribed', ?, '{\"nationality\":\"IRN\"}'::jsonb, "
                        + "'detention-service', 3, now() - interval '1 hour', 'no execution waits for the message yet')",
                UUID.randomUUID().toString(), caseId);

        await().atMost(WAIT).until(() -> "Wait_Eligibility".equals(waitingAt(caseId)));
        assertThat(runtime.getVariable(instance(caseId).getId(), "nationality")).isEqualTo("IRN");
        assertThat(inboxRows(caseId)).isZero();
    }

    @Test
    void aReplyForAnEndedOrUnknownCaseIsParkedCountedAndShown() {
        UUID ended = openProbeCase("inbox-probe");
        new TransactionTemplate(transactionManager).executeWithoutResult(s ->
                cases.stateChanged(ended.toString(), CaseState.WITHDRAWN, "reviewer1", "reason=REVIEW_WITHDRAWN"));
        UUID unknown = UUID.randomUUID();

        flight.send(seatBooked(ended, UUID.randomUUID()));
        flight.send(seatBooked(unknown, UUID.randomUUID()));

        await().atMost(WAIT).until(() -> parked(ended, "CASE_ENDED") == 1 && parked(unknown, "UNKNOWN_CASE") == 1);
        assertThat(cases.history(ended)).extracting(HistoryEntry::kind).contains("SEAT_BOOKED", "MESSAGE_PARKED");
        assertThat(cases.history(ended)).filteredOn(h -> h.kind().equals("MESSAGE_PARKED"))
                .singleElement().satisfies(h -> assertThat(h.detail()).startsWith("SeatBooked ").endsWith(": CASE_ENDED"));
        assertThat(cases.find(ended).orElseThrow().flightId()).isNull();
        assertThat(parkedCount("CASE_ENDED")).isGreaterThanOrEqualTo(1);
        assertThat(parkedCount("UNKNOWN_CASE")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aScheduledFlightReachesEveryCaseWaitingForASeatToItsCountry() {
        UUID toPanamaOne = openProbeCase("flight-probe", "PAN");
        UUID toPanamaTwo = openProbeCase("flight-probe", "PAN");
        UUID toIran = openProbeCase("flight-probe", "IRN");

        flight.send(new FlightScheduled(UUID.randomUUID(), "RF201", "PAN", Instant.parse("2026-12-20T08:00:00Z"), 119));

        await().atMost(WAIT).until(() -> instance(toPanamaOne) == null && instance(toPanamaTwo) == null);
        assertThat(waitingAt(toIran)).isEqualTo("Wait_Flight");
        assertThat(cases.history(toPanamaOne)).extracting(HistoryEntry::kind, HistoryEntry::actor)
                .contains(org.assertj.core.groups.Tuple.tuple("FLIGHT_SCHEDULED", "flight-service"));
        assertThat(cases.history(toIran)).extracting(HistoryEntry::kind).doesNotContain("FLIGHT_SCHEDULED");
    }

    // ----

    private UUID openProbeCase(String processKey) {
        return openProbeCase(processKey, "IRN");
    }

    /** A case record, as the API would write it, whose instance is a probe. */
    private UUID openProbeCase(String processKey, String country) {
        UUID caseId = UUID.randomUUID();
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> {
            cases.insert(caseId, UUID.randomUUID(), null, country, true, "test");
            runtime.startProcessInstanceByKey(processKey, caseId.toString(), Map.of("destinationCountry", country));
        });
        return caseId;
    }

    private ProcessInstance instance(UUID caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId.toString()).singleResult();
    }

    private String waitingAt(UUID caseId) {
        ProcessInstance instance = instance(caseId);
        return instance == null ? null : runtime.getActiveActivityIds(instance.getId()).get(0);
    }

    private String finalInstanceId(UUID caseId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId.toString())
                .singleResult().getId();
    }

    private Map<String, Object> finalVariables(UUID caseId) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceId(finalInstanceId(caseId)).list()) {
            values.put(v.getName(), v.getValue());
        }
        return values;
    }

    private int pendingAttempts(UUID caseId) {
        List<Integer> attempts = jdbc.queryForList(
                "select attempts from inbox_message where case_id = ? and status = 'PENDING'", Integer.class, caseId);
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    private long inboxRows(UUID caseId) {
        return jdbc.queryForObject("select count(*) from inbox_message where case_id = ?", Long.class, caseId);
    }

    private long parked(UUID caseId, String reason) {
        return jdbc.queryForObject("select count(*) from inbox_message where case_id = ? and status = 'PARKED' "
                + "and reason = ?", Long.class, caseId, reason);
    }

    private double parkedCount(String reason) {
        Counter counter = meters.find("returnflow.workflow.inbox.parked").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The request a command of the probe's case would have made, as the process's adapters record it. */
    private UUID asked(UUID caseId, String command) {
        UUID request = UUID.randomUUID();
        requests.sent(caseId, request, command, "", null, null);
        return request;
    }

    private static DetaineeDescribed described(UUID caseId, UUID request) {
        return new DetaineeDescribed(caseId, UUID.randomUUID(), "IRN", "fa", LocalDate.parse("2025-03-01"), "LA-JENA",
                CustodyStatus.IN_CUSTODY, true, request);
    }

    private static EligibilityAssessed assessed(UUID caseId, UUID request) {
        return new EligibilityAssessed(caseId, UUID.randomUUID(), "IRN", LocalDate.parse("2026-12-05"),
                EligibilityStage.INITIAL, false,
                List.of(new Blocker(BlockerCode.ACTIVE_LEGAL_HOLD, UUID.randomUUID())), request);
    }

    private static SeatBooked seatBooked(UUID caseId, UUID request) {
        return new SeatBooked(caseId, UUID.randomUUID(), "RF101", "12A", Instant.parse("2026-12-05T08:00:00Z"), "AEX",
                List.of("DOH"), "IKA", request);
    }
}
