package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/** {@code SendTask_ReleaseFromOperation}: a withdrawn case takes the person out of the operation, with the reason code. */
@Component
public class ReleaseFromOperationAdapter implements JavaDelegate {

    private final EventOutbox outbox;

    public ReleaseFromOperationAdapter(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = CaseVariables.string(execution, Var.REASON);
        outbox.publish(new ReleaseFromOperation(CaseVariables.requiredUuid(execution, Var.CASE_ID),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID), reason == null ? "WITHDRAWN" : reason));
    }
}
