package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Requirements;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Records the single result of the DMN {@code destination-requirements} for the case, where the
 * process reads it from, and shows it as the variables {@code requiresConsent}, {@code noticeHours},
 * {@code requiresTravelDocument} and {@code maxPerFlight} (null when only the flight's seats limit
 * it) in Cockpit.
 */
@Component("destinationRequirements")
public class DestinationRequirements {

    private final CaseSafeguards records;

    public DestinationRequirements(CaseSafeguards records) {
        this.records = records;
    }

    public void apply(DelegateExecution execution) {
        Object raw = execution.getVariable(Var.REQUIREMENTS_RESULT);
        if (!(raw instanceof Map<?, ?> result)) {
            throw new IllegalStateException("destination-requirements gave no single result for "
                    + execution.getVariable(Var.DESTINATION_COUNTRY));
        }
        Object max = result.get(Var.MAX_PER_FLIGHT);
        Requirements requirements = new Requirements(CaseVariables.flag(execution, Var.THIRD_COUNTRY),
                Boolean.TRUE.equals(result.get(Var.REQUIRES_CONSENT)), ((Number) result.get(Var.NOTICE_HOURS)).intValue(),
                Boolean.TRUE.equals(result.get(Var.REQUIRES_TRAVEL_DOCUMENT)), max instanceof Number n ? n.intValue() : null);
        records.requirements(CaseVariables.caseOf(execution), requirements);
        execution.setVariable(Var.REQUIRES_CONSENT, requirements.requiresConsent());
        execution.setVariable(Var.NOTICE_HOURS, requirements.noticeHours());
        execution.setVariable(Var.REQUIRES_TRAVEL_DOCUMENT, requirements.requiresTravelDocument());
        execution.setVariable(Var.MAX_PER_FLIGHT, requirements.maxPerFlight());
        execution.removeVariable(Var.REQUIREMENTS_RESULT);
    }
}
