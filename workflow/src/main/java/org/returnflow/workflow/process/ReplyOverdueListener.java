package org.returnflow.workflow.process;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/**
 * Runs when a timer on a wait fires ({@code #{replyOverdue}}): it counts the overdue event in the
 * variable {@code overdue_<element id>[_<recipientType>]} and records {@code REPLY_OVERDUE} in the
 * case history. The model then sends the command again (replies) or keeps waiting (flight events).
 * Past {@code returnflow.workflow.timers.max-overdue} it fails instead: the timer job's retries run
 * out and Cockpit shows an incident on the element. An operator who has dealt with the cause retries
 * the job in Cockpit; each such retry (in the engine's user operation log) allows another
 * max-overdue round. Operators never need to change a variable.
 */
@Component("replyOverdue")
public class ReplyOverdueListener implements ExecutionListener {

    private final ProcessTimers timers;
    private final CaseStates caseStates;

    public ReplyOverdueListener(ProcessTimers timers, CaseStates caseStates) {
        this.timers = timers;
        this.caseStates = caseStates;
    }

    /** How often a person set the retries of a failed job of this case (Cockpit's "retry"), from the operation log. */
    static int operatorRetries(DelegateExecution execution) {
        return (int) execution.getProcessEngineServices().getHistoryService().createUserOperationLogQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES).list().stream()
                .map(UserOperationLogEntry::getOperationId).distinct().count();
    }

    @Override
    public void notify(DelegateExecution execution) {
        Object recipient = execution.getVariable(Var.RECIPIENT_TYPE);
        String counter = Var.OVERDUE_PREFIX + execution.getCurrentActivityId() + (recipient == null ? "" : "_" + recipient);
        int count = CaseVariables.integer(execution.getProcessInstance(), counter, 0) + 1;
        // Each retry an operator gives the failed timer job allows another round of max-overdue.
        int allowed = timers.getMaxOverdue() * (1 + operatorRetries(execution));
        if (count > allowed) {
            throw new ProcessEngineException(execution.getCurrentActivityName() + ": still overdue after "
                    + allowed + " times. Check the service, then retry the failed job in Cockpit");
        }
        execution.getProcessInstance().setVariable(counter, count);
        caseStates.note(execution, "REPLY_OVERDUE", execution.getCurrentActivityId() + "; count=" + count
                + (recipient == null ? "" : "; recipientType=" + recipient));
    }
}
