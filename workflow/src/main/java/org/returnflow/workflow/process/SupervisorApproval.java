package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Decision;
import org.returnflow.workflow.process.ProcessConstants.Group;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Four eyes on {@code UserTask_SupervisorApproval} (S2, S10): the approver is the authenticated
 * user, a member of {@code supervisors}, and not the user who made the legal review, as the case's
 * records name them. APPROVE records an override for each overridable blocker that the review
 * proceeded past and that still stands, so the final check does not offload for it again.
 */
@Component("supervisorApproval")
public class SupervisorApproval implements TaskListener {

    private final CaseSafeguards records;
    private final CaseJournal journal;

    public SupervisorApproval(CaseSafeguards records, CaseJournal journal) {
        this.records = records;
        this.journal = journal;
    }

    @Override
    public void notify(DelegateTask task) {
        UUID caseId = CaseVariables.caseOf(task);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(Var.SUPERVISOR_DECISION);
            task.removeVariable(Var.REVIEW_JUSTIFICATION);
            // Shown in the form; the four-eyes check below reads the records, not this.
            task.setVariable(Var.REVIEWER, records.latest(caseId, CaseSafeguards.LEGAL_REVIEW).map(Decision::actor).orElse(""));
            return;
        }
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        String supervisor = Reviewers.authenticatedMemberOf(task, Group.SUPERVISORS);
        Decision review = records.latest(caseId, CaseSafeguards.LEGAL_REVIEW)
                .filter(r -> "PROCEED".equals(r.decision()) && r.needsApproval())
                .orElseThrow(() -> new ReviewRefused("there is no legal review that proceeds past an overridable blocker "
                        + "to approve"));
        if (review.actor().equals(supervisor)) {
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
        List<String> open = records.open(caseId);
        long approval = records.decided(caseId, task.getId(), CaseSafeguards.SUPERVISOR_APPROVAL, decision, supervisor,
                justification, open, false);
        if ("APPROVE".equals(decision)) {
            List<String> overridden = review.openBlockers().stream()
                    .filter(Safeguards::overridable).filter(open::contains).toList();
            records.overridden(caseId, review, approval, supervisor, overridden);
        }
        journal.record(caseId.toString(), supervisor, "SUPERVISOR_DECIDED", "decision=" + decision + "; reviewer="
                + review.actor() + "; blockers=" + String.join(",", open) + "; justification=" + justification);
    }
}
