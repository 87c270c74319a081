package org.returnflow.workflow.config;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job executor acquires by due date through an index, on real PostgreSQL: every new job has a
 * due date, the index exists, a job left without one by an earlier version is made due and runs,
 * and a timer due later is left alone.
 */
@RealInfrastructure
@SpringBootTest
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DueDateJobAcquisitionIT {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DueDateJobAcquisition plugin;

    @BeforeAll
    void deployProbe() {
        // An async step that only runs once it is acquired, then a timer due in a day.
        repository.createDeployment().name("due-date probe")
                .addModelInstance("due-date-probe.bpmn", Bpmn.createExecutableProcess("due-date-probe")
                        .camundaHistoryTimeToLive(1)
                        .startEvent()
                        .manualTask("Async_Step").camundaAsyncBefore()
                        .intermediateCatchEvent("Wait_A_Day").timerWithDuration("P1D")
                        .endEvent().done())
                .deploy();
    }

    @Test
    void theAcquisitionIndexExists() {
        List<String> indexes = jdbc.queryForList(
                "select indexname from pg_indexes where tablename = 'act_ru_job'", String.class);
        assertThat(indexes).contains(DueDateJobAcquisition.INDEX);
    }

    @Test
    void anAsyncContinuationIsDueAtOnceAndRuns() {
        String instance = runtime.startProcessInstanceByKey("due-date-probe").getId();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                        .activityId("Wait_A_Day").count()).isEqualTo(1));
        Job timer = management.createJobQuery().processInstanceId(instance).singleResult();
        assertThat(timer.getDuedate()).as("the timer is due in a day, not now").isInTheFuture();
    }

    @Test
    void aJobWrittenWithoutADueDateIsMadeDueOnStartAndRuns() {
        management.suspendJobDefinitionByProcessDefinitionKey("due-date-probe", true);
        String instance = runtime.startProcessInstanceByKey("due-date-probe").getId();
        Job async = management.createJobQuery().processInstanceId(instance).singleResult();
        assertThat(async.getDuedate()).as("every new job has a due date").isNotNull();
        // As an earlier version wrote it: no due date, which acquisition by due date never finds.
        jdbc.update("update act_ru_job set duedate_ = null where id_ = ?", async.getId());
        management.activateJobDefinitionByProcessDefinitionKey("due-date-probe", true);

        plugin.postProcessEngineBuild(engine);

        assertThat(management.createJobQuery().jobId(async.getId()).singleResult().getDuedate()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                        .activityId("Wait_A_Day").count()).isEqualTo(1));
    }
}
