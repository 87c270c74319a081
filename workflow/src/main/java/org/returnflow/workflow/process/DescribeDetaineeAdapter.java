package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/** {@code SendTask_DescribeDetainee}: asks detention for the person's codes and dates. */
@Component
public class DescribeDetaineeAdapter implements JavaDelegate {

    private final EventOutbox outbox;

    public DescribeDetaineeAdapter(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        outbox.publish(new DescribeDetainee(CaseVariables.requiredUuid(execution, Var.CASE_ID),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID)));
    }
}
