package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** {@code SendTask_RecordRemoval}: after the handover, detention records the removal on the flight the case held. */
@Component
public class RecordRemovalAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final CaseSafeguards records;

    public RecordRemovalAdapter(CaseCommands commands, CaseSafeguards records) {
        this.commands = commands;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        UUID flightId = records.seat(caseId).orElseThrow(() -> new IllegalStateException(
                "Case " + caseId + " was handed over but holds no seat")).flightId();
        commands.send(new RecordRemoval(caseId, CaseVariables.requiredUuid(execution, Var.DETAINEE_ID), flightId));
    }
}
