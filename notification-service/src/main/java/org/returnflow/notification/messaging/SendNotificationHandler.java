package org.returnflow.notification.messaging;

import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.notification.domain.NotificationRequests;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** {@code SendNotification} from the workflow: store the notice for the sender, never send here. */
@Component
class SendNotificationHandler implements MessageHandler<SendNotification> {

    private final NotificationRequests requests;
    private final NotificationSender sender;

    SendNotificationHandler(NotificationRequests requests, NotificationSender sender) {
        this.requests = requests;
        this.sender = sender;
    }

    @Override
    public Class<SendNotification> messageType() {
        return SendNotification.class;
    }

    @Override
    public void handle(SendNotification message, MessageContext context) {
        requests.accept(message, context.requestId());
        sender.nudgeOneLaneAfterCommit();
    }
}
