package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/**
 * Releases the case's seat with a reason code from the variable {@code releaseReason}:
 * the compensation handler of {@code SendTask_BookSeat} (LEGAL_HOLD_PLACED, CONSENT_WITHDRAWN),
 * {@code SendTask_ReleaseSeatForLaterFlight} (NOTICE_WINDOW_VIOLATED) and
 * {@code SendTask_OffloadPassenger} (OFFLOADED_&lt;CODE&gt;). It sends nothing when no seat is held,
 * so compensating several bookings releases the one seat once. The release and its reason go into
 * the case history (S8); an offload is recorded as {@code OFFLOADED}.
 */
@Component
public class ReleaseSeatAdapter implements JavaDelegate {

    private final EventOutbox outbox;
    private final CaseJournal journal;

    public ReleaseSeatAdapter(EventOutbox outbox, CaseJournal journal) {
        this.outbox = outbox;
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!Seat.held(execution)) {
            return;
        }
        String reason = CaseVariables.required(execution, BlockerRules.RELEASE_REASON);
        String caseId = CaseVariables.caseId(execution);
        outbox.publish(new ReleaseSeat(CaseVariables.requiredUuid(execution, Var.CASE_ID), reason));
        journal.record(caseId, CaseStates.actor(execution), reason.startsWith("OFFLOADED_") ? "OFFLOADED" : "SEAT_RELEASED",
                "reason=" + reason + "; flightId=" + execution.getVariable(Var.FLIGHT_ID) + "; seat=" + execution.getVariable(Var.SEAT));
        execution.setVariable(Var.REASON, reason);
        Seat.forget(execution);
    }
}
