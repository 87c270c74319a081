package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Seat;
import org.returnflow.workflow.process.ProcessConstants.Command;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Releases the seat the case holds, with a reason code from the variable {@code releaseReason}: the
 * interruptions' <i>Release any seat held</i> (LEGAL_HOLD_PLACED, CONSENT_WITHDRAWN, NEW_BLOCKER_&lt;CODE&gt;,
 * AGENCY_&lt;REASON&gt;, SUSPENDED_&lt;REASON&gt;), {@code SendTask_ReleaseSeatForLaterFlight}
 * (NOTICE_WINDOW_VIOLATED) and {@code SendTask_OffloadPassenger} (OFFLOADED_&lt;CODE&gt;). It sends
 * nothing when the records show no seat. The case gives the seat up
 * at once: a later event about that flight (a manifest lock, a boarding, a notice) is stale. The
 * release and its reason go into the case history (S8); an offload is recorded as {@code OFFLOADED}.
 */
@Component
public class ReleaseSeatAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final CaseSafeguards records;
    private final CaseRequests requests;
    private final CaseJournal journal;

    public ReleaseSeatAdapter(CaseCommands commands, CaseSafeguards records, CaseRequests requests, CaseJournal journal) {
        this.commands = commands;
        this.records = records;
        this.requests = requests;
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        Optional<Seat> seat = records.seat(caseId);
        if (seat.isEmpty()) {
            return;
        }
        String reason = CaseVariables.required(execution, Var.RELEASE_REASON);
        commands.send(new ReleaseSeat(caseId, reason), "", reason, seat.get().flightId());
        records.seatGone(caseId, seat.get().flightId());
        requests.supersedeNoticesAbout(caseId, seat.get().flightId(), Command.SEND_NOTIFICATION, "seat released: " + reason);
        journal.record(caseId.toString(), CaseStates.actor(execution), reason.startsWith("OFFLOADED_") ? "OFFLOADED" : "SEAT_RELEASED",
                "reason=" + reason + "; flightId=" + seat.get().flightId() + "; seat=" + seat.get().seat());
        journal.factsChanged(caseId);
        execution.setVariable(Var.REASON, reason);
    }
}
