package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/** {@code SendTask_ReleaseFromOperation}: a withdrawn case takes the person out of the operation, with the reason code. */
@Component
public class ReleaseFromOperationAdapter implements JavaDelegate {

    private final CaseCommands commands;

    public ReleaseFromOperationAdapter(CaseCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = CaseVariables.string(execution, Var.REASON);
        commands.send(new ReleaseFromOperation(CaseVariables.caseOf(execution),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID), reason == null ? "WITHDRAWN" : reason));
    }
}
