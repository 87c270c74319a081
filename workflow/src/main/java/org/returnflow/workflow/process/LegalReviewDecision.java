package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.process.ProcessConstants.Group;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of the task {@code UserTask_LegalReview} (DESIGN.md step 3). On create it clears the
 * previous review's answer, so a stale decision is never reused. On complete it requires a decision
 * and a justification from an authenticated member of {@code legal-review}, refuses PROCEED while a
 * never-overridable blocker stands in the case's records, decides from the records whether a
 * supervisor must approve (S2, S10), and records the decision with its author (S8). It reads only
 * the two form fields from the task; what else a user sends decides nothing.
 */
@Component("legalReviewDecision")
public class LegalReviewDecision implements TaskListener {

    static final Set<String> DECISIONS = Set.of("PROCEED", "RECHECK", "WITHDRAW");

    private final CaseSafeguards records;
    private final CaseJournal journal;

    public LegalReviewDecision(CaseSafeguards records, CaseJournal journal) {
        this.records = records;
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
        UUID caseId = CaseVariables.caseOf(task);
        List<String> open = records.open(caseId);
        boolean needsSupervisor = false;
        if ("PROCEED".equals(decision)) {
            List<String> never = open.stream().filter(code -> !Safeguards.overridable(code)).toList();
            if (!never.isEmpty()) {
                throw new ReviewRefused("PROCEED is refused while these blockers remain: " + String.join(", ", never)
                        + ". They clear only when the record is fixed; choose RECHECK after that, or WITHDRAW.");
            }
            needsSupervisor = open.stream().anyMatch(Safeguards::overridable);
        }
        if ("WITHDRAW".equals(decision)) {
            task.setVariable(Var.REASON, "LEGAL_REVIEW_WITHDRAWN");
        }
        records.decided(caseId, task.getId(), CaseSafeguards.LEGAL_REVIEW, decision, reviewer, justification, open,
                needsSupervisor);
        journal.record(caseId.toString(), reviewer, "LEGAL_REVIEW_DECIDED", "decision=" + decision + "; blockers="
                + String.join(",", open) + (needsSupervisor ? "; supervisor approval needed" : "")
                + "; justification=" + justification);
    }
}
