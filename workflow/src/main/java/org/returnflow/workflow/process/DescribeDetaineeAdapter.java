package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/** {@code SendTask_DescribeDetainee}: asks detention for the person's codes and dates. */
@Component
public class DescribeDetaineeAdapter implements JavaDelegate {

    private final CaseCommands commands;

    public DescribeDetaineeAdapter(CaseCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(new DescribeDetainee(CaseVariables.caseOf(execution),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID)));
    }
}
