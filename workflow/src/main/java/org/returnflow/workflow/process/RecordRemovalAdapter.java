package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/** {@code SendTask_RecordRemoval}: after the handover, detention records the removal. */
@Component
public class RecordRemovalAdapter implements JavaDelegate {

    private final EventOutbox outbox;

    public RecordRemovalAdapter(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        outbox.publish(new RecordRemoval(CaseVariables.requiredUuid(execution, Var.CASE_ID),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID), CaseVariables.requiredUuid(execution, Var.FLIGHT_ID)));
    }
}
