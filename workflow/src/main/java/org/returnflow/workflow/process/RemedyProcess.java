package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The listeners of {@code return-facilitation} that are not a person's task: the person's return
 * closes the remedy, and an overdue status report is recorded before the supervisors are asked.
 * A task's outcome is recorded by {@code TaskOutcomeHistory}, with the user who completed it.
 */
@Component("remedyProcess")
public class RemedyProcess {

    private final RemedyJournal journal;

    public RemedyProcess(RemedyJournal journal) {
        this.journal = journal;
    }

    /** End event <i>Person returned</i>: the remedy is RETURNED. */
    public void returned(DelegateExecution execution) {
        journal.returned(execution.getProcessBusinessKey(), "system");
    }

    /** Boundary timer <i>Report overdue</i>: on record before the supervisors' task opens. */
    public void reportOverdue(DelegateExecution execution) {
        journal.record(execution.getProcessBusinessKey(), "system", "STATUS_REPORT_OVERDUE",
                "no status report to counsel within " + execution.getVariable(ProcessConstants.Var.REPORT_GRACE)
                        + "; supervisors asked to follow up");
    }
}
