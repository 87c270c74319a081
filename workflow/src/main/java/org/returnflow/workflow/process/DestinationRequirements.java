package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Requirements;
import org.returnflow.workflow.domain.FearClaimWindows;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Records the single result of the DMN {@code destination-requirements} for the case, where the
 * process reads it from, and shows it as the variables {@code requiresConsent}, {@code noticeHours},
 * {@code requiresTravelDocument} and {@code maxPerFlight} (null when only the flight's seats limit
 * it) in Cockpit. The fear-claim window's terms ({@code fearClaimWindowHours}, {@code assuranceReference})
 * are recorded beside them ({@link FearClaimWindows}) and read by {@link FearClaimWindow}.
 */
@Component("destinationRequirements")
public class DestinationRequirements {

    private final CaseSafeguards records;
    private final FearClaimWindows windows;

    public DestinationRequirements(CaseSafeguards records, FearClaimWindows windows) {
        this.records = records;
        this.windows = windows;
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
        Object windowHours = result.get(Var.FEAR_CLAIM_WINDOW_HOURS);
        Object assurance = result.get(Var.ASSURANCE_REFERENCE);
        windows.terms(CaseVariables.caseOf(execution), new FearClaimWindows.Terms(
                windowHours instanceof Number n ? n.intValue() : null,
                assurance == null || assurance.toString().isBlank() ? null : assurance.toString()));
        execution.setVariable(Var.REQUIRES_CONSENT, requirements.requiresConsent());
        execution.setVariable(Var.NOTICE_HOURS, requirements.noticeHours());
        execution.setVariable(Var.REQUIRES_TRAVEL_DOCUMENT, requirements.requiresTravelDocument());
        execution.setVariable(Var.MAX_PER_FLIGHT, requirements.maxPerFlight());
        execution.removeVariable(Var.REQUIREMENTS_RESULT);
    }
}
