package org.returnflow.platform.messaging;

import org.returnflow.contracts.Message;

/**
 * Handles one message type from a consumed topic. Declare it as a bean; the platform routes
 * messages to it by CloudEvents type, inside a transaction that also records the message id,
 * so a redelivered message never reaches it twice.
 *
 * @param <T> the contracts record this handler takes
 */
public interface MessageHandler<T extends Message> {

    Class<T> messageType();

    void handle(T message, MessageContext context);
}
