package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Requirements;
import org.returnflow.workflow.domain.FearClaimWindows;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * {@code SendTask_BookSeat}: asks flight for a seat on the first flight departing at least
 * noticeHours from now, so that the notices can still be delivered in time (S4), within the
 * destination's maxPerFlight.
 *
 * <p>It checks the records once more before it asks, whatever way the process came: no seat while a
 * legal hold stands (a fear claim is one), and no seat for a third-country destination before the
 * case's fear-claim window for it has closed. Either refusal fails the job: it is tried again, and
 * Cockpit shows an incident if the records still refuse.
 */
@Component
public class BookSeatAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final CaseSafeguards records;
    private final FearClaimWindows windows;

    public BookSeatAdapter(CaseCommands commands, CaseSafeguards records, FearClaimWindows windows) {
        this.commands = commands;
        this.records = records;
        this.windows = windows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        Requirements requirements = records.requirements(caseId);
        String destination = CaseVariables.required(execution, Var.DESTINATION_COUNTRY);
        if (records.blockers(caseId).stream().anyMatch(b -> BlockerCode.ACTIVE_LEGAL_HOLD.name().equals(b.code()))) {
            throw new IllegalStateException("Case " + caseId + " is under a legal hold: no seat is booked");
        }
        if (requirements.thirdCountry() && windows.of(caseId, destination).map(w -> !w.closed()).orElse(true)) {
            throw new IllegalStateException("Case " + caseId + ": no seat for " + destination
                    + " before the fear-claim window has closed");
        }
        commands.send(new BookSeat(caseId, destination,
                CaseVariables.now().plus(Duration.ofHours(requirements.noticeHours())), requirements.maxPerFlight(),
                // a stopover state's transit refusal applies by nationality (flight strikes TRANSIT_REFUSED)
                (String) execution.getVariable(Var.NATIONALITY),
                // flight shows the passenger to a client of this facility only
                (String) execution.getVariable(Var.FACILITY_CODE)));
    }
}
