package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code SendTask_BookSeat}: asks flight for a seat on the first flight departing at least
 * noticeHours from now, so that the notices can still be delivered in time (S4). Any earlier seat
 * is gone by now (released, struck by a cancelled flight), so its variables are forgotten.
 */
@Component
public class BookSeatAdapter implements JavaDelegate {

    private final EventOutbox outbox;

    public BookSeatAdapter(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Seat.forget(execution);
        Object max = execution.getVariable(Var.MAX_PER_FLIGHT);
        outbox.publish(new BookSeat(CaseVariables.requiredUuid(execution, Var.CASE_ID),
                CaseVariables.required(execution, Var.DESTINATION_COUNTRY),
                CaseVariables.now().plus(Duration.ofHours(CaseVariables.integer(execution, Var.NOTICE_HOURS, 72))),
                max instanceof Number n ? n.intValue() : null));
    }
}
