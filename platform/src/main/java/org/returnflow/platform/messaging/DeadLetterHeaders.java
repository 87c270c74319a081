package org.returnflow.platform.messaging;

import java.util.List;

/**
 * The headers a dead letter carries besides the original record's own (its {@code ce_*} CloudEvents
 * attributes stay as they were). Spring Kafka's dead-letter publisher writes the {@code kafka_dlt-*}
 * ones; the platform adds the {@code returnflow_dlt-*} ones. Plain strings, so that tools without
 * Spring on their class path ({@code ./returnflow dlt}) read them too.
 */
public final class DeadLetterHeaders {

    /** The topic the record was consumed from. */
    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    /** Its partition there, as a 4-byte big-endian int. */
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    /** Its offset there, as an 8-byte big-endian long. */
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    /** The consumer group that gave up on it. */
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    /** The class of the exception the listener threw. */
    public static final String EXCEPTION_CLASS = "kafka_dlt-exception-fqcn";
    /** The class of that exception's cause, when it has one. */
    public static final String EXCEPTION_CAUSE_CLASS = "kafka_dlt-exception-cause-fqcn";
    /** The exception's message. */
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    /** The exception's stack trace. */
    public static final String EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

    /** When the consumer gave up, as an ISO-8601 instant. */
    public static final String FAILED_AT = "returnflow_dlt-failed-at";
    /** {@link FailureKind} of the last failure: PERMANENT (at once) or UNKNOWN (after bounded retries). */
    public static final String FAILURE_KIND = "returnflow_dlt-failure-kind";
    /**
     * On a replay marker (a record without value on the dead-letter topic): the position of the dead
     * letter it replayed, {@code partition@offset}.
     */
    public static final String REPLAY_OF = "returnflow_dlt-replay-of";
    /** On a replay marker: when it was replayed, as an ISO-8601 instant. */
    public static final String REPLAYED_AT = "returnflow_dlt-replayed-at";
    /** On a replay marker: who replayed it (a client id, or the operating-system user of the CLI). */
    public static final String REPLAYED_BY = "returnflow_dlt-replayed-by";

    /** Prefixes of the headers that describe the failure; a replay removes them. */
    public static final List<String> FAILURE_PREFIXES = List.of("kafka_dlt-", "returnflow_dlt-");

    private DeadLetterHeaders() {
    }
}
