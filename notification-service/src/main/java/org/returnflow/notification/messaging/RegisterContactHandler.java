package org.returnflow.notification.messaging;

import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.notification.domain.AddressBook;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** {@code RegisterContact} from detention: keep the address book current. */
@Component
class RegisterContactHandler implements MessageHandler<RegisterContact> {

    private final AddressBook addressBook;

    RegisterContactHandler(AddressBook addressBook) {
        this.addressBook = addressBook;
    }

    @Override
    public Class<RegisterContact> messageType() {
        return RegisterContact.class;
    }

    @Override
    public void handle(RegisterContact message, MessageContext context) {
        addressBook.register(message);
    }
}
