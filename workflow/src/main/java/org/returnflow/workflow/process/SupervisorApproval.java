package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.returnflow.workflow.process.ProcessConstants.Group;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Four eyes on {@code UserTask_SupervisorApproval} (S2, S10): the approver is the authenticated
 * user, a member of {@code supervisors}, and not the user who made the legal review. APPROVE marks
 * the open overridable blockers as overridden, so the final check does not offload for them again.
 */
@Component("supervisorApproval")
public class SupervisorApproval implements TaskListener {

    private final CaseJournal journal;

    public SupervisorApproval(CaseJournal journal) {
        this.journal = journal;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(Var.SUPERVISOR_DECISION);
            task.removeVariable(Var.REVIEW_JUSTIFICATION);
            return;
        }
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        String supervisor = Reviewers.authenticatedMemberOf(task, Group.SUPERVISORS);
        String reviewer = Reviewers.text(task, Var.REVIEWER);
        if (reviewer.isEmpty() || reviewer.equals(supervisor)) {
            throw new ReviewRefused("Four eyes: " + supervisor + " made the legal review of this case and cannot "
                    + "also approve it; another supervisor must");
        }
        String decision = Reviewers.text(task, Var.SUPERVISOR_DECISION);
        String justification = Reviewers.text(task, Var.REVIEW_JUSTIFICATION);
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            throw new ReviewRefused("supervisorDecision must be APPROVE or REJECT");
        }
        if (justification.isEmpty()) {
            throw new ReviewRefused("justification is required");
        }
        if ("APPROVE".equals(decision)) {
            Set<String> overridden = new LinkedHashSet<>(BlockerRules.overridden(task));
            BlockerRules.open(task).stream().filter(BlockerRules::overridable).forEach(overridden::add);
            task.setVariable(BlockerRules.OVERRIDDEN, String.join(",", overridden));
        }
        task.setVariable(Var.SUPERVISOR, supervisor);
        journal.record(CaseVariables.caseId(task), supervisor, "SUPERVISOR_DECIDED",
                "decision=" + decision + "; reviewer=" + reviewer + "; blockers=" + String.join(",", BlockerRules.codes(task))
                        + "; justification=" + justification);
    }
}
