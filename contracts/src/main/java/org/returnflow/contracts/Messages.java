package org.returnflow.contracts;

import java.util.Objects;

/** Rules that apply to every message. */
public final class Messages {

    private Messages() {
    }

    /**
     * The Kafka record key and the CloudEvents {@code subject} of a message: the caseId when the
     * message is a {@link CaseMessage} with a caseId, else the flightId of a {@link FlightMessage},
     * else the detaineeId of a {@link DetaineeMessage}.
     *
     * @throws IllegalArgumentException when the message carries none of these ids
     */
    public static String partitionKey(Message message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof CaseMessage m && m.caseId() != null) {
            return m.caseId().toString();
        }
        if (message instanceof FlightMessage m && m.flightId() != null) {
            return m.flightId().toString();
        }
        if (message instanceof DetaineeMessage m && m.detaineeId() != null) {
            return m.detaineeId().toString();
        }
        throw new IllegalArgumentException(
                "No caseId, flightId or detaineeId to key " + message.getClass().getSimpleName());
    }
}
