package org.returnflow.platform.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The CloudEvents attributes and Kafka position of the message being handled. */
public record MessageContext(String id, String type, String source, String subject, OffsetDateTime time,
                             String topic, int partition, long offset) {

    /**
     * The request id a reply to this command carries in its {@code requestId} field: the command's
     * CloudEvents id. Returns null when the id is not a UUID, so that the reply is recognised as
     * answering no request rather than a wrong one.
     */
    public UUID requestId() {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
