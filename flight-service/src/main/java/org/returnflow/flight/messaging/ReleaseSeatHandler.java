package org.returnflow.flight.messaging;

import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.flight.domain.SeatAllocation;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** {@code ReleaseSeat} from the workflow: strikes the case's entry and answers {@code SeatReleased}. */
@Component
class ReleaseSeatHandler implements MessageHandler<ReleaseSeat> {

    private final SeatAllocation seats;

    ReleaseSeatHandler(SeatAllocation seats) {
        this.seats = seats;
    }

    @Override
    public Class<ReleaseSeat> messageType() {
        return ReleaseSeat.class;
    }

    @Override
    public void handle(ReleaseSeat message, MessageContext context) {
        seats.release(message, context.source(), context.requestId());
    }
}
