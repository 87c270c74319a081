package org.returnflow.workflow.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.returnflow.workflow.domain.remedy.RemedyHistory;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * Every path of {@code return-facilitation} on a real PostgreSQL engine whose database holds the
 * workflow's tables: the three arrangements, each owned by the operator the order names; the
 * return that closes the remedy; status reports to counsel every N days until then; and the
 * supervisors asked when a report is overdue.
 */
@Deployment(resources = {"bpmn/return-facilitation.bpmn", "forms/remedy-consulate.form", "forms/remedy-travel-document.form",
        "forms/remedy-flight.form", "forms/remedy-return.form", "forms/remedy-status-report.form",
        "forms/remedy-report-overdue.form"})
class ReturnFacilitationProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
            .builder(TestEngine.withCoverage("return_facilitation_process"))
            .assertClassCoverageAtLeast(1.0)
            .build();

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    ProcessEngine processEngine;
    JdbcTemplate jdbc;
    RemedyHistory history;
    UUID caseId;
    UUID remedyId;
    ProcessInstance instance;

    @BeforeEach
    void setUp() {
        processEngine = engine.getProcessEngine();
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        jdbc = new JdbcTemplate(processEngine.getProcessEngineConfiguration().getDataSource());
        history = new RemedyHistory(jdbc);
        Mocks.register("remedyProcess", new RemedyProcess(history));
        caseId = UUID.randomUUID();
        remedyId = UUID.randomUUID();
        jdbc.update("insert into removal_case (case_id, detainee_id, destination_country, state, started_at, ended_at) "
                + "values (?, ?, 'IRN', 'REMOVED', now(), now())", caseId, UUID.randomUUID());
        jdbc.update("insert into remedy_order (id, case_id, court, reference, due_date, owner, report_every_days, ordered_by) "
                + "values (?, ?, 'U.S. District Court', '6:26-cv-01234', ?, 'operator1', 14, 'removal-operations')",
                remedyId, caseId, LocalDate.of(2027, 1, 31));
    }

    /** Started in each test: the engine extension deploys the model after {@code @BeforeEach}. */
    private void ordered() {
        instance = processEngine.getRuntimeService().startProcessInstanceByKey(ProcessConstants.REMEDY_PROCESS_KEY,
                remedyId.toString(), Variables.createVariables().putValue(Var.REMEDY_ID, remedyId.toString())
                        .putValue(Var.CASE_ID, caseId.toString()).putValue(Var.OWNER, "operator1")
                        .putValue(Var.REPORT_CYCLE, "R/P14D").putValue(Var.REPORT_GRACE, "P3D"));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        Mocks.reset();
    }

    @Test
    void theThreeArrangementsEachHaveTheirOwnerAndThenTheReturnClosesTheRemedy() {
        ordered();
        assertThat(instance).isWaitingAt("UserTask_ContactConsulate", "UserTask_TravelDocument", "UserTask_ArrangeFlight");
        List<Task> arrangements = tasks();
        assertThat(arrangements).hasSize(3).allSatisfy(t -> assertThat(t.getAssignee()).isEqualTo("operator1"));
        assertThat(processEngine.getTaskService().getIdentityLinksForTask(arrangements.get(0).getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("operators"));

        complete("UserTask_ContactConsulate", Map.of("consulateReference", "IRN-CONS-2026/17"));
        complete("UserTask_TravelDocument", Map.of("travelDocumentReference", "ETD-99812"));
        assertThat(instance).isWaitingAt("UserTask_ArrangeFlight").isNotWaitingAt("UserTask_ConfirmReturn");
        complete("UserTask_ArrangeFlight", Map.of("flightReference", "QR8142"));
        assertThat(instance).isWaitingAt("UserTask_ConfirmReturn");
        assertThat(status()).isEqualTo("OPEN");

        complete("UserTask_ConfirmReturn", Map.of("returnedOn", "2027-01-20", "arrivalReference", "CBP-IAH-5531"));

        assertThat(instance).isEnded().hasPassed("EndEvent_Returned");
        assertThat(status()).isEqualTo("RETURNED");
        assertThat(jdbc.queryForObject("select returned_at is not null from remedy_order where id = ?", Boolean.class, remedyId))
                .isTrue();
        assertThat(history.of(remedyId)).extracting(h -> h.kind()).containsExactly("RETURNED");
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .as("the report timer ends with the process").isZero();
    }

    @Test
    void aStatusReportIsDueEveryNDaysAndAnOverdueOneGoesToTheSupervisors() {
        ordered();
        assertThat(instance).isWaitingAt("UserTask_ContactConsulate");
        runTimer(Duration.ofDays(14));
        Task report = task("UserTask_ReportStatus");
        assertThat(report.getAssignee()).isEqualTo("operator1");

        runTimer(Duration.ofDays(3));
        assertThat(history.of(remedyId)).extracting(h -> h.kind()).containsExactly("STATUS_REPORT_OVERDUE");
        Task overdue = task("UserTask_ReviewOverdueReport");
        assertThat(processEngine.getTaskService().getIdentityLinksForTask(overdue.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("supervisors"));
        assertThat(instance).as("the report stays with its owner").isWaitingAt("UserTask_ReportStatus");

        complete("UserTask_ReviewOverdueReport", Map.of("followUp", "OWNER_REMINDED"));
        complete("UserTask_ReportStatus", Map.of("reportReference", "LTR-2026-12-18"));
        assertThat(instance).hasPassed("EndEvent_ReportSent", "EndEvent_OverdueReviewed")
                .isWaitingAt("UserTask_ContactConsulate", "UserTask_TravelDocument", "UserTask_ArrangeFlight");

        // fourteen days on, the next report is due
        runTimer(Duration.ofDays(14));
        assertThat(task("UserTask_ReportStatus")).isNotNull();
    }

    @Test
    void theReturnEndsAnOpenStatusReportAndItsTimers() {
        ordered();
        runTimer(Duration.ofDays(14));
        assertThat(instance).isWaitingAt("UserTask_ReportStatus");
        complete("UserTask_ContactConsulate", Map.of("consulateReference", "IRN-CONS-2026/18"));
        complete("UserTask_TravelDocument", Map.of("travelDocumentReference", "ETD-99813"));
        complete("UserTask_ArrangeFlight", Map.of("flightReference", "QR8143"));
        complete("UserTask_ConfirmReturn", Map.of("returnedOn", "2027-01-21", "arrivalReference", "CBP-IAH-5532"));

        assertThat(instance).isEnded();
        assertThat(tasks()).isEmpty();
        assertThat(processEngine.getManagementService().createJobQuery().count()).isZero();
        assertThat(status()).isEqualTo("RETURNED");
    }

    private void runTimer(Duration after) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(after)));
        List<Job> due = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .timers().duedateLowerThan(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(1))).list();
        assertThat(due).as("a timer due after " + after).isNotEmpty();
        due.forEach(job -> processEngine.getManagementService().executeJob(job.getId()));
    }

    private List<Task> tasks() {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list();
    }

    private Task task(String key) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(key).singleResult();
    }

    private void complete(String key, Map<String, Object> answers) {
        processEngine.getTaskService().complete(task(key).getId(), answers);
    }

    private String status() {
        return jdbc.queryForObject("select status from remedy_order where id = ?", String.class, remedyId);
    }
}
