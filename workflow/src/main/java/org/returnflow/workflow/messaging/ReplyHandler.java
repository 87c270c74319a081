package org.returnflow.workflow.messaging;

import org.returnflow.contracts.Message;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;

import java.util.List;
import java.util.function.Function;

/**
 * Handles one consumed message type by turning it into replies for cases and handing them to the
 * {@link CaseInbox}. {@link ReplyHandlers} declares one per type the process waits for.
 */
public final class ReplyHandler<T extends Message> implements MessageHandler<T> {

    private final Class<T> type;
    private final Function<T, List<Reply>> replies;
    private final CaseInbox inbox;

    public ReplyHandler(Class<T> type, Function<T, List<Reply>> replies, CaseInbox inbox) {
        this.type = type;
        this.replies = replies;
        this.inbox = inbox;
    }

    @Override
    public Class<T> messageType() {
        return type;
    }

    @Override
    public void handle(T message, MessageContext context) {
        for (Reply reply : replies.apply(message)) {
            inbox.accept(reply, context);
        }
    }
}
