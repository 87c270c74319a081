package org.returnflow.workflow.process;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Runs when a timer on a wait fires ({@code #{replyOverdue}}): it counts the overdue event in the
 * variable {@code overdue_<element id>[_<recipientType>]} and records {@code REPLY_OVERDUE} in the
 * case history. The model then sends the command again (replies) or keeps waiting (flight events).
 * Past {@code returnflow.workflow.timers.max-overdue} it fails instead: the timer job's retries run
 * out and Cockpit shows an incident on the element. An operator who has dealt with the cause sets
 * the counter back to 0 and retries the job.
 */
@Component("replyOverdue")
public class ReplyOverdueListener implements ExecutionListener {

    private final ProcessTimers timers;
    private final CaseStates caseStates;

    public ReplyOverdueListener(ProcessTimers timers, CaseStates caseStates) {
        this.timers = timers;
        this.caseStates = caseStates;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Object recipient = execution.getVariable(NoticePlan.RECIPIENT_TYPE);
        String counter = "overdue_" + execution.getCurrentActivityId() + (recipient == null ? "" : "_" + recipient);
        int count = CaseVariables.integer(execution.getProcessInstance(), counter, 0) + 1;
        if (count > timers.getMaxOverdue()) {
            throw new ProcessEngineException(execution.getCurrentActivityName() + ": still overdue after "
                    + timers.getMaxOverdue() + " times. Check the service, then set " + counter + " to 0 and retry");
        }
        execution.getProcessInstance().setVariable(counter, count);
        caseStates.note(execution, "REPLY_OVERDUE", execution.getCurrentActivityId() + "; count=" + count
                + (recipient == null ? "" : "; recipientType=" + recipient));
    }
}
