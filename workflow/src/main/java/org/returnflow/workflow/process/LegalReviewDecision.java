package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.returnflow.workflow.process.ProcessConstants.Group;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * The rules of the task {@code UserTask_LegalReview} (DESIGN.md step 3). On create it clears the
 * previous review's answer, so a stale decision is never reused. On complete it requires a decision
 * and a justification from an authenticated member of {@code legal-review}, refuses PROCEED while any
 * never-overridable blocker remains, decides whether a supervisor must approve (S2, S10), and
 * records the decision with its author (S8).
 */
@Component("legalReviewDecision")
public class LegalReviewDecision implements TaskListener {

    static final Set<String> DECISIONS = Set.of("PROCEED", "RECHECK", "WITHDRAW");
    /** Whether PROCEED passes an overridable blocker, so that a supervisor must approve. */
    public static final String NEEDS_SUPERVISOR_APPROVAL = "needsSupervisorApproval";

    private final CaseJournal journal;

    public LegalReviewDecision(CaseJournal journal) {
        this.journal = journal;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(Var.REVIEW_DECISION);
            task.removeVariable(Var.REVIEW_JUSTIFICATION);
            return;
        }
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        String reviewer = Reviewers.authenticatedMemberOf(task, Group.LEGAL_REVIEW);
        String decision = Reviewers.text(task, Var.REVIEW_DECISION);
        String justification = Reviewers.text(task, Var.REVIEW_JUSTIFICATION);
        if (!DECISIONS.contains(decision)) {
            throw new ReviewRefused("decision must be PROCEED, RECHECK or WITHDRAW");
        }
        if (justification.isEmpty()) {
            throw new ReviewRefused("justification is required");
        }
        List<String> open = BlockerRules.open(task);
        boolean needsSupervisor = false;
        if ("PROCEED".equals(decision)) {
            List<String> never = open.stream().filter(code -> !BlockerRules.overridable(code)).toList();
            if (!never.isEmpty()) {
                throw new ReviewRefused("PROCEED is refused while these blockers remain: " + String.join(", ", never)
                        + ". They clear only when the record is fixed; choose RECHECK after that, or WITHDRAW.");
            }
            needsSupervisor = open.stream().anyMatch(BlockerRules::overridable);
        }
        if ("WITHDRAW".equals(decision)) {
            task.setVariable(Var.REASON, "LEGAL_REVIEW_WITHDRAWN");
        }
        task.setVariable(NEEDS_SUPERVISOR_APPROVAL, needsSupervisor);
        task.setVariable(Var.REVIEWER, reviewer);
        journal.record(CaseVariables.caseId(task), reviewer, "LEGAL_REVIEW_DECIDED",
                "decision=" + decision + "; blockers=" + String.join(",", BlockerRules.codes(task))
                        + "; justification=" + justification);
    }
}
