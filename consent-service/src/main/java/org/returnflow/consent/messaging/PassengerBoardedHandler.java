package org.returnflow.consent.messaging;

import org.returnflow.consent.domain.ConsentRegister;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** {@code PassengerBoarded} on flight.events: from boarding on, consent can no longer be withdrawn. */
@Component
class PassengerBoardedHandler implements MessageHandler<PassengerBoarded> {

    private final ConsentRegister register;

    PassengerBoardedHandler(ConsentRegister register) {
        this.register = register;
    }

    @Override
    public Class<PassengerBoarded> messageType() {
        return PassengerBoarded.class;
    }

    @Override
    public void handle(PassengerBoarded event, MessageContext context) {
        register.recordBoarding(event, context.source());
    }
}
