package org.returnflow.consent.messaging;

import org.returnflow.consent.domain.ConsentPolicy;
import org.returnflow.consent.domain.ConsentRegister;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.platform.messaging.PoisonMessageException;
import org.springframework.stereotype.Component;

/** {@code RequestConsent} on consent.commands opens a consent request for the case. */
@Component
class RequestConsentHandler implements MessageHandler<RequestConsent> {

    private final ConsentRegister register;

    RequestConsentHandler(ConsentRegister register) {
        this.register = register;
    }

    @Override
    public Class<RequestConsent> messageType() {
        return RequestConsent.class;
    }

    @Override
    public void handle(RequestConsent command, MessageContext context) {
        if (!ConsentPolicy.LANGUAGE.matcher(command.preferredLanguage()).matches()) {
            // Retrying cannot fix it: the sender broke the contract. Straight to the dead-letter topic.
            throw new PoisonMessageException("RequestConsent " + context.id()
                    + ": preferredLanguage is not a BCP 47 tag", null);
        }
        register.open(command, context.source(), context.id());
    }
}
