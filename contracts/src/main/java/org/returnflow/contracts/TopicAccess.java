package org.returnflow.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may write and who may read each topic: the principals of the broker's ACLs, as
 * {@code asyncapi.yaml} states them in each channel's {@code x-returnflow-access} (TopicAccessTest keeps
 * the two equal). A service's principal is its application name, and its CloudEvents source is
 * {@code /returnflow/<principal>} ({@link #source(String)}), so a consumer can tell whether a message
 * came from a principal that may write its topic at all.
 *
 * <p>The dead-letter topic beside a topic is written by that topic's consumers (not the partner) and
 * read by the {@link #OPERATOR} alone.
 */
public final class TopicAccess {

    public static final String DETENTION_SERVICE = "detention-service";
    public static final String CONSENT_SERVICE = "consent-service";
    public static final String FLIGHT_SERVICE = "flight-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";
    public static final String WORKFLOW = "workflow";
    /** Partner systems, and {@code ./returnflow tail}: they read the public events topics only. */
    public static final String PARTNER = "partner";
    /** {@code ./returnflow dlt}: reads the dead-letter topics. */
    public static final String OPERATOR = "operator";

    /** Who writes and who reads one topic. */
    public record Access(List<String> writers, List<String> readers) {

        public Access {
            writers = List.copyOf(writers);
            readers = List.copyOf(readers);
        }
    }

    private static final Map<String, Access> BY_TOPIC = index();

    private TopicAccess() {
    }

    /** The principal of each Returnflow service. */
    public static List<String> services() {
        return List.of(DETENTION_SERVICE, CONSENT_SERVICE, FLIGHT_SERVICE, NOTIFICATION_SERVICE, WORKFLOW);
    }

    /** Access to {@code topic}, a message topic or a dead-letter topic, if it is a Returnflow topic. */
    public static Optional<Access> of(String topic) {
        return Optional.ofNullable(topic == null ? null : BY_TOPIC.get(topic));
    }

    /** Every message topic and dead-letter topic with its access, message topics first. */
    public static Map<String, Access> all() {
        return BY_TOPIC;
    }

    /** The CloudEvents source of what {@code principal} publishes: {@code /returnflow/<principal>}. */
    public static String source(String principal) {
        return "/returnflow/" + principal;
    }

    /** The CloudEvents sources that may appear on {@code topic}: those of its writers. */
    public static List<String> sources(String topic) {
        return of(topic).map(a -> a.writers().stream().map(TopicAccess::source).toList()).orElse(List.of());
    }

    private static Map<String, Access> index() {
        Map<String, Access> access = new LinkedHashMap<>();
        access.put(Topics.DETENTION_COMMANDS, new Access(List.of(WORKFLOW), List.of(DETENTION_SERVICE)));
        access.put(Topics.DETENTION_EVENTS, new Access(List.of(DETENTION_SERVICE), List.of(WORKFLOW, PARTNER)));
        access.put(Topics.CONSENT_COMMANDS, new Access(List.of(WORKFLOW), List.of(CONSENT_SERVICE)));
        access.put(Topics.CONSENT_EVENTS, new Access(List.of(CONSENT_SERVICE), List.of(WORKFLOW, PARTNER)));
        access.put(Topics.FLIGHT_COMMANDS, new Access(List.of(WORKFLOW), List.of(FLIGHT_SERVICE)));
        access.put(Topics.FLIGHT_EVENTS, new Access(List.of(FLIGHT_SERVICE),
                List.of(WORKFLOW, CONSENT_SERVICE, PARTNER)));
        // Contact registrations (RegisterContact) come from the detention-service.
        access.put(Topics.NOTIFICATION_COMMANDS, new Access(List.of(WORKFLOW, DETENTION_SERVICE),
                List.of(NOTIFICATION_SERVICE)));
        access.put(Topics.NOTIFICATION_EVENTS, new Access(List.of(NOTIFICATION_SERVICE), List.of(WORKFLOW, PARTNER)));
        access.put(Topics.WORKFLOW_EVENTS, new Access(List.of(WORKFLOW), List.of(PARTNER)));
        for (String topic : Topics.all()) {
            List<String> consumers = access.get(topic).readers().stream().filter(p -> !p.equals(PARTNER)).toList();
            access.put(Topics.deadLetter(topic), new Access(consumers, List.of(OPERATOR)));
        }
        if (!access.keySet().containsAll(Topics.all()) || access.size() != Topics.all().size() * 2) {
            throw new IllegalStateException("TopicAccess does not cover exactly Topics.all()");
        }
        return java.util.Collections.unmodifiableMap(access);
    }
}
