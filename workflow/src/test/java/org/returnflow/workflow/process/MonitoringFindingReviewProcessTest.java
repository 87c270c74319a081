package org.returnflow.workflow.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.returnflow.workflow.process.ProcessConstants.Var;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/** {@code monitoring-finding-review} on a real PostgreSQL engine: the supervisors review a monitor's SERIOUS finding. */
@Deployment(resources = {"bpmn/monitoring-finding-review.bpmn", "forms/monitoring-finding-review.form"})
class MonitoringFindingReviewProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
            .builder(TestEngine.withCoverage("monitoring_finding_review_process"))
            .assertClassCoverageAtLeast(1.0)
            .build();

    @Test
    void aSeriousFindingWaitsForTheSupervisorsAndEndsWithTheirAnswer() {
        ProcessEngine processEngine = engine.getProcessEngine();
        init(processEngine);
        String caseId = UUID.randomUUID().toString();
        ProcessInstance review = processEngine.getRuntimeService().startProcessInstanceByKey(
                ProcessConstants.FINDING_REVIEW_PROCESS_KEY, caseId, Variables.createVariables()
                        .putValue(Var.CASE_ID, caseId).putValue(Var.FLIGHT_ID, UUID.randomUUID().toString())
                        .putValue(Var.REPORT_ID, UUID.randomUUID().toString()).putValue(Var.FINDING_ID, UUID.randomUUID().toString())
                        .putValue(Var.MONITOR_ID, "independent-monitor").putValue(Var.FINDING_CODE, "RESTRAINT_DISPROPORTIONATE"));

        assertThat(review).isWaitingAt("UserTask_ReviewFinding");
        Task task = processEngine.getTaskService().createTaskQuery().processInstanceId(review.getId()).singleResult();
        assertThat(task.getAssignee()).isNull();
        assertThat(processEngine.getTaskService().getIdentityLinksForTask(task.getId()))
                .singleElement().satisfies(link -> assertThat(link.getGroupId()).isEqualTo("supervisors"));

        processEngine.getTaskService().complete(task.getId(), Map.of("outcome", "REFERRED_TO_OVERSIGHT",
                "reviewReference", "OVS-2026-0042"));
        assertThat(review).isEnded().hasPassed("EndEvent_FindingReviewed");
    }
}
