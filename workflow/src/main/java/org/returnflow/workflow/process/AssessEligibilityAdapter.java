package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code SendTask_AssessEligibility} and {@code SendTask_AssessFinalEligibility}: the input
 * parameter {@code stage} says which. INITIAL asks for the earliest possible departure
 * (now + noticeHours); FINAL asks for the departure date of the booked flight (UTC).
 */
@Component
public class AssessEligibilityAdapter implements JavaDelegate {

    private final EventOutbox outbox;

    public AssessEligibilityAdapter(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EligibilityStage stage = EligibilityStage.valueOf(CaseVariables.required(execution, "stage"));
        LocalDate onDate = stage == EligibilityStage.FINAL
                ? LocalDate.ofInstant(CaseVariables.instant(execution, Var.DEPARTURE_AT), ZoneOffset.UTC)
                : LocalDate.ofInstant(CaseVariables.now().plus(Duration.ofHours(
                        CaseVariables.integer(execution, Var.NOTICE_HOURS, 72))), ZoneOffset.UTC);
        execution.removeVariable(Var.ELIGIBLE);
        outbox.publish(new AssessEligibility(CaseVariables.requiredUuid(execution, Var.CASE_ID),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID),
                CaseVariables.required(execution, Var.DESTINATION_COUNTRY), onDate, stage));
    }
}
