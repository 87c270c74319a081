package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Requirements;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * {@code SendTask_BookSeat}: asks flight for a seat on the first flight departing at least
 * noticeHours from now, so that the notices can still be delivered in time (S4), within the
 * destination's maxPerFlight.
 */
@Component
public class BookSeatAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final CaseSafeguards records;

    public BookSeatAdapter(CaseCommands commands, CaseSafeguards records) {
        this.commands = commands;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        Requirements requirements = records.requirements(caseId);
        commands.send(new BookSeat(caseId, CaseVariables.required(execution, Var.DESTINATION_COUNTRY),
                CaseVariables.now().plus(Duration.ofHours(requirements.noticeHours())), requirements.maxPerFlight(),
                // a stopover state's transit refusal applies by nationality (flight strikes TRANSIT_REFUSED)
                (String) execution.getVariable(Var.NATIONALITY),
                // flight shows the passenger to a client of this facility only
                (String) execution.getVariable(Var.FACILITY_CODE)));
    }
}
