package org.returnflow.platform.messaging;

/**
 * A message that can never be handled however often it is retried: not a CloudEvent, or data
 * that does not match its contract. It goes straight to the dead-letter topic.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
