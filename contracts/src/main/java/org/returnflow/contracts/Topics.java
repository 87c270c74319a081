package org.returnflow.contracts;

import java.util.List;

/** Kafka topic names. Each service reads {@code <service>.commands} and writes {@code <service>.events}. */
public final class Topics {

    public static final String DETENTION_COMMANDS = "detention.commands";
    public static final String DETENTION_EVENTS = "detention.events";
    public static final String CONSENT_COMMANDS = "consent.commands";
    public static final String CONSENT_EVENTS = "consent.events";
    public static final String FLIGHT_COMMANDS = "flight.commands";
    public static final String FLIGHT_EVENTS = "flight.events";
    public static final String NOTIFICATION_COMMANDS = "notification.commands";
    public static final String NOTIFICATION_EVENTS = "notification.events";
    public static final String WORKFLOW_EVENTS = "workflow.events";

    /** Suffix of the dead-letter topic that sits beside every topic. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private static final List<String> ALL = List.of(
            DETENTION_COMMANDS, DETENTION_EVENTS,
            CONSENT_COMMANDS, CONSENT_EVENTS,
            FLIGHT_COMMANDS, FLIGHT_EVENTS,
            NOTIFICATION_COMMANDS, NOTIFICATION_EVENTS,
            WORKFLOW_EVENTS);

    private Topics() {
    }

    /** The dead-letter topic for {@code topic}, for example {@code flight.commands.DLT}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Every message topic, without the dead-letter topics. */
    public static List<String> all() {
        return ALL;
    }
}
