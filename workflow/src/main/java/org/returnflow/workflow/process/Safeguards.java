package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Decision;
import org.returnflow.workflow.process.ProcessConstants.Command;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the model asks before every safeguard decision, as the bean {@code safeguards}: the answers
 * come from the case's records ({@link CaseSafeguards}), never from a process variable, so a
 * variable a user smuggles into the engine decides nothing (DESIGN.md "Decisions are records").
 * It also tells the case records when the process has taken a fact, so the case API follows the
 * process.
 */
@Component("safeguards")
public class Safeguards {

    /** Why flight struck a seat when the case should book again rather than go to legal review. */
    static final Set<String> REBOOK_AFTER_STRIKE = Set.of("TRANSIT_REFUSED", "FLIGHT_RESCHEDULED", "MOVED");

    private final CaseSafeguards records;
    private final CaseRequests requests;
    private final CaseJournal journal;
    private final CaseStates caseStates;

    public Safeguards(CaseSafeguards records, CaseRequests requests, CaseJournal journal, CaseStates caseStates) {
        this.records = records;
        this.requests = requests;
        this.journal = journal;
        this.caseStates = caseStates;
    }

    // ---- eligibility ----

    /** The process took an eligibility answer: the case records show its blockers. */
    public void assessed(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        // Shown in the review forms; read by nothing that decides.
        execution.setVariable(Var.BLOCKER_CODES, String.join(",", codes(caseId)));
        journal.factsChanged(caseId);
    }

    /** Whether any blocker stands that four eyes did not approve past. */
    public boolean blocked(DelegateExecution execution) {
        return !records.open(CaseVariables.caseOf(execution)).isEmpty();
    }

    /** The reason recorded when a blocked person is offloaded at the manifest lock: OFFLOADED_&lt;CODE&gt;. */
    public String offloadReason(DelegateExecution execution) {
        List<String> open = records.open(CaseVariables.caseOf(execution));
        return "OFFLOADED_" + (open.isEmpty() ? "NOT_ASSESSED" : open.get(0));
    }

    /** LegalHoldPlaced: the hold already blocks in the records; any booked seat is released (S1). */
    public void holdPlaced(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        execution.setVariable(Var.RELEASE_REASON, "LEGAL_HOLD_PLACED");
        execution.setVariable(Var.BLOCKER_CODES, String.join(",", codes(caseId)));
        caseStates.note(execution, "LEGAL_HOLD_PLACED", "blockers=" + String.join(",", records.open(caseId)));
        journal.factsChanged(caseId);
    }

    // ---- review and approval ----

    /** The newest Legal review decision recorded for the case, as its listener recorded it. */
    public String reviewDecision(DelegateExecution execution) {
        return records.latest(CaseVariables.caseOf(execution), CaseSafeguards.LEGAL_REVIEW).map(Decision::decision)
                .orElse("");
    }

    /** Whether the newest PROCEED passes an overridable blocker, so a supervisor must approve (S2, S10). */
    public boolean needsSupervisorApproval(DelegateExecution execution) {
        return records.latest(CaseVariables.caseOf(execution), CaseSafeguards.LEGAL_REVIEW)
                .map(Decision::needsApproval).orElse(true);
    }

    /** The newest Supervisor approval decision recorded for the case. */
    public String supervisorDecision(DelegateExecution execution) {
        return records.latest(CaseVariables.caseOf(execution), CaseSafeguards.SUPERVISOR_APPROVAL)
                .map(Decision::decision).orElse("");
    }

    // ---- consent ----

    /** Whether the case has no consent answer yet and must ask. */
    public boolean consentToRequest(DelegateExecution execution) {
        return records.consent(CaseVariables.caseOf(execution)).isEmpty();
    }

    /** Whether consent is refused (declined, expired, timed out, withdrawn) where it is required. */
    public boolean consentRefusedWhereRequired(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        return records.consent(caseId).map(c -> !c.voluntary()).orElse(false) && requiresConsent(execution);
    }

    public boolean requiresConsent(DelegateExecution execution) {
        return records.requirements(CaseVariables.caseOf(execution)).requiresConsent();
    }

    /** The process took a consent answer: the case records show whether the case is voluntary (S3). */
    public void consentTaken(DelegateExecution execution) {
        journal.factsChanged(CaseVariables.caseOf(execution));
    }

    /** Nobody answered in time: that is the standing now, and an answer that still comes is stale. */
    public void consentTimedOut(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        requests.supersede(caseId, Command.REQUEST_CONSENT, "consent timed out");
        records.consent(caseId, null, "TIMED_OUT", null, null, null, null, null, "timer " + execution.getCurrentActivityId());
        journal.factsChanged(caseId);
    }

    /** ConsentWithdrawn: the records say WITHDRAWN; any booked seat is released (S3). */
    public void consentWithdrawn(DelegateExecution execution) {
        execution.setVariable(Var.REASON, "CONSENT_WITHDRAWN");
        execution.setVariable(Var.RELEASE_REASON, "CONSENT_WITHDRAWN");
        caseStates.note(execution, "CONSENT_WITHDRAWN", "consentId=" + records.consent(CaseVariables.caseOf(execution))
                .map(c -> String.valueOf(c.consentId())).orElse("none"));
        journal.factsChanged(CaseVariables.caseOf(execution));
    }

    // ---- seat ----

    /** The process took a SeatBooked: the case records show the flight. */
    public void seatTaken(DelegateExecution execution) {
        journal.factsChanged(CaseVariables.caseOf(execution));
    }

    /** FlightCancelled: flight has already struck the seat, so nothing is released; the case rebooks. */
    public void flightCancelled(DelegateExecution execution) {
        caseStates.note(execution, "FLIGHT_CANCELLED", "rebooking");
        journal.factsChanged(CaseVariables.caseOf(execution));
    }

    /** A SeatReleased that no command of the case asked for: flight struck the seat (a no-show, an offload). */
    public void seatStruck(DelegateExecution execution) {
        caseStates.note(execution, "SEAT_STRUCK", "reason=" + execution.getVariable(Var.SEAT_STRUCK_REASON)
                + (rebookAfterStrike(execution) ? "; booking again" : "; to legal review"));
        journal.factsChanged(CaseVariables.caseOf(execution));
    }

    /**
     * After a verification: whether it found a blocker that is new to the case's course, so the case
     * must stop. A case already in legal review has its reviewer decide on the fresh blockers.
     */
    public boolean newBlockerFound(DelegateExecution execution) {
        return blocked(execution) && !CaseState.LEGAL_REVIEW.name().equals(execution.getVariable(Var.STATE));
    }

    /** A verification found a new blocker: the seat is released for it and a reviewer decides. */
    public void newBlocker(DelegateExecution execution) {
        List<String> open = records.open(CaseVariables.caseOf(execution));
        execution.setVariable(Var.RELEASE_REASON, "NEW_BLOCKER_" + (open.isEmpty() ? "NOT_ASSESSED" : open.get(0)));
        caseStates.note(execution, "NEW_BLOCKER_FOUND", "blockers=" + String.join(",", open));
        journal.factsChanged(CaseVariables.caseOf(execution));
    }

    /** The agency withdraws the case through the case API, with a reason code. */
    public void withdrawalRequested(DelegateExecution execution) {
        String reason = "AGENCY_" + CaseVariables.required(execution, Var.CONTROL_REASON);
        execution.setVariable(Var.REASON, reason);
        execution.setVariable(Var.RELEASE_REASON, reason);
    }

    /** The agency suspends the case: any seat is released, and nothing books it until it resumes. */
    public void suspensionRequested(DelegateExecution execution) {
        execution.setVariable(Var.RELEASE_REASON, "SUSPENDED_" + CaseVariables.required(execution, Var.CONTROL_REASON));
    }

    /** The agency resumed the case: it starts again from the eligibility check. */
    public void resumed(DelegateExecution execution) {
        execution.removeVariable(Var.RESUME_AT);
        journal.factsChanged(CaseVariables.caseOf(execution));
    }

    /**
     * The seat's flight was rescheduled: the records hold the new departure; everyone is told again
     * (FLIGHT_CHANGED) and the notice window is measured against the new time, so a departure moved
     * too early releases the seat and books a later flight (S4).
     */
    public void flightRescheduled(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        caseStates.note(execution, "FLIGHT_RESCHEDULED", records.seat(caseId)
                .map(seat -> "flightId=" + seat.flightId() + "; departureAt=" + seat.departureAt()).orElse("no seat"));
        journal.factsChanged(caseId);
    }

    /** Whether the manifest of the seat held was locked before the case was notified again. */
    public boolean manifestLockedAlready(DelegateExecution execution) {
        return records.manifestLocked(CaseVariables.caseOf(execution));
    }

    /** Whether a struck seat is simply booked again; otherwise a reviewer decides what happens. */
    public boolean rebookAfterStrike(DelegateExecution execution) {
        return REBOOK_AFTER_STRIKE.contains(String.valueOf(execution.getVariable(Var.SEAT_STRUCK_REASON)));
    }

    private List<String> codes(UUID caseId) {
        return records.blockers(caseId).stream().map(CaseSafeguards.OpenBlocker::code).distinct().toList();
    }

    static boolean overridable(String code) {
        try {
            return BlockerCode.valueOf(code).overridable();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
