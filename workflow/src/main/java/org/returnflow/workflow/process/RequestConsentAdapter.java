package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/** {@code SendTask_RequestConsent}: asks consent to open a request, answerable until the consent timeout. */
@Component
public class RequestConsentAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final ProcessTimers timers;

    public RequestConsentAdapter(CaseCommands commands, ProcessTimers timers) {
        this.commands = commands;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(new RequestConsent(CaseVariables.caseOf(execution),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID),
                CaseVariables.required(execution, Var.PREFERRED_LANGUAGE),
                CaseVariables.date(execution, Var.DETAINED_SINCE),
                CaseVariables.now().plus(timers.consentDuration()),
                (String) execution.getVariable(Var.FACILITY_CODE)));
    }
}
