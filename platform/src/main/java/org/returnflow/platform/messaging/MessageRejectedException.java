package org.returnflow.platform.messaging;

/**
 * A well-formed message that breaks a business rule of its consumer, so that handling it again can
 * never succeed: for instance a command for a record that the rules forbid to change. A handler
 * throws it to send the message to {@code <topic>.DLT} at once, without retries; the transaction
 * of the message rolls back, so nothing of it is kept.
 *
 * <p>Its message is copied into the dead letter's headers and shown by {@code ./returnflow dlt list}:
 * it names ids and rule codes, never a person's name or free text about a person.
 */
public class MessageRejectedException extends RuntimeException {

    public MessageRejectedException(String reason) {
        super(reason);
    }

    public MessageRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
