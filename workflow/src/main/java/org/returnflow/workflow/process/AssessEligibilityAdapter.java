package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * {@code SendTask_AssessEligibility} and {@code SendTask_AssessFinalEligibility}: the input
 * parameter {@code stage} says which. INITIAL asks for the earliest possible departure
 * (now + noticeHours); FINAL asks for the departure date of the seat the case holds (UTC). The
 * request supersedes any earlier one, so an answer to an earlier stage is stale.
 */
@Component
public class AssessEligibilityAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final CaseSafeguards records;

    public AssessEligibilityAdapter(CaseCommands commands, CaseSafeguards records) {
        this.commands = commands;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        EligibilityStage stage = EligibilityStage.valueOf(CaseVariables.required(execution, Var.STAGE));
        LocalDate onDate = stage == EligibilityStage.FINAL
                ? LocalDate.ofInstant(records.seat(caseId).orElseThrow(() -> new IllegalStateException(
                        "Case " + caseId + " holds no seat to assess the departure of")).departureAt(), ZoneOffset.UTC)
                : LocalDate.ofInstant(CaseVariables.now().plus(Duration.ofHours(
                        records.requirements(caseId).noticeHours())), ZoneOffset.UTC);
        commands.send(new AssessEligibility(caseId, CaseVariables.requiredUuid(execution, Var.DETAINEE_ID),
                CaseVariables.required(execution, Var.DESTINATION_COUNTRY), onDate, stage), "", stage.name(), null);
    }
}
