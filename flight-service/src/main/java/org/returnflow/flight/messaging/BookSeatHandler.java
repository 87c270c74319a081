package org.returnflow.flight.messaging;

import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.flight.domain.SeatAllocation;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** {@code BookSeat} from the workflow: answers {@code SeatBooked} or {@code SeatUnavailable}. */
@Component
class BookSeatHandler implements MessageHandler<BookSeat> {

    private final SeatAllocation seats;

    BookSeatHandler(SeatAllocation seats) {
        this.seats = seats;
    }

    @Override
    public Class<BookSeat> messageType() {
        return BookSeat.class;
    }

    @Override
    public void handle(BookSeat message, MessageContext context) {
        seats.book(message, context.source(), context.requestId());
    }
}
