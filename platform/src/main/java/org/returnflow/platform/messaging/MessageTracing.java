package org.returnflow.platform.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.Message;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries the W3C trace context of every message through the outbox and Kafka, with Micrometer
 * Tracing's tracer and propagator (OpenTelemetry underneath): the outbox row keeps the context of the
 * work that wrote it, the relay sends the row in a {@code PRODUCER} span whose context travels in the
 * CloudEvents distributed-tracing extension ({@code traceparent}, {@code tracestate}), and the
 * consumer handles the message in a {@code CONSUMER} span under it. Logs inside that span carry its
 * {@code traceId} and {@code spanId}.
 *
 * <p><b>One case, one trace.</b> The first message about a case starts its trace: the request that
 * opened it (through the gateway), or a new trace when the case opens in the background. Every service
 * keeps the trace of each case it has seen ({@link CaseTraces}) and the newest span of its own in it.
 * A message about the case that would otherwise leave without a trace (written by an engine job, a
 * poller, a sender thread) or in another one (a request of an officer, a reviewer's task in Tasklist,
 * a flight-level change) continues the case's trace from that span instead; the other trace's span
 * gets an event naming the case's trace, and a consumed message of another trace is handled in the
 * case's trace with a tag naming the one it came with. So Zipkin shows one case as one trace across
 * the gateway, the workflow and every service.
 */
public class MessageTracing {

    /** The span tag (and Zipkin search key) that names the case. */
    public static final String CASE_ID = "caseId";
    /** The tag of a consumer span whose message came with another trace than its case's. */
    public static final String CAUSE_TRACE_ID = "returnflow.cause.trace_id";

    private final Tracer tracer;
    private final Propagator propagator;
    private final CaseTraces caseTraces;

    /**
     * @param caseTraces where this service keeps each case's trace, or null to let every message keep the
     *                   trace it was written in
     */
    public MessageTracing(Tracer tracer, Propagator propagator, CaseTraces caseTraces) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.caseTraces = caseTraces;
    }

    /** No tracing: rows keep no context, spans are no-ops. */
    public static MessageTracing off() {
        return new MessageTracing(Tracer.NOOP, Propagator.NOOP, null);
    }

    private boolean on() {
        return tracer != Tracer.NOOP;
    }

    /**
     * The trace context an outbox row keeps for {@code message}, in the transaction that writes it: the
     * current span's, or the case's when the current work has no span or belongs to another trace.
     *
     * @return null when there is no trace to continue (no tracing, or no span and no case)
     */
    public TraceParent forOutbox(Message message) {
        if (!on()) {
            return null;
        }
        Span current = tracer.currentSpan();
        TraceParent here = current == null ? null : contextOf(current);
        UUID caseId = caseIdOf(message);
        if (caseId == null || caseTraces == null) {
            return here;
        }
        Optional<TraceParent> known = caseTraces.find(caseId);
        if (known.isEmpty()) {
            if (current != null) {
                current.tag(CASE_ID, caseId.toString());
            }
            TraceParent first = here != null ? here : openCaseTrace(caseId, message);
            return first == null ? null : caseTraces.start(caseId, first);
        }
        TraceParent caseTrace = known.get();
        if (here != null && here.traceId().equals(caseTrace.traceId())) {
            return here;
        }
        if (current != null) {
            current.event("case " + caseId + " continues in trace " + caseTrace.traceId());
        }
        return caseTrace;
    }

    /** A new trace for a case whose first message is written where no span is (a background starter). */
    private TraceParent openCaseTrace(UUID caseId, Message message) {
        Span root = tracer.spanBuilder().setNoParent().name("case " + message.getClass().getSimpleName())
                .tag(CASE_ID, caseId.toString()).start();
        try {
            return contextOf(root);
        } finally {
            root.end();
        }
    }

    /**
     * Starts the span in which the relay hands one outbox row to the broker, under the context the row
     * kept (a new trace when it kept none). End it when the broker answered.
     */
    public Span startPublish(String type, String topic, String eventId, String subject, TraceParent kept) {
        Span.Builder builder = kept != null ? propagator.extract(kept.asFields(), Map::get)
                : tracer.spanBuilder().setNoParent();
        return builder.kind(Span.Kind.PRODUCER).name("publish " + shortName(type)).remoteServiceName("kafka")
                .tag("messaging.system", "kafka").tag("messaging.destination.name", topic)
                .tag("messaging.message.id", eventId).tag("cloudevents.event_type", type)
                .tag("cloudevents.event_subject", subject).start();
    }

    /** Writes the span's context into the CloudEvent's distributed-tracing extension. */
    public void inject(Span span, CloudEventBuilder event) {
        propagator.inject(span.context(), event, (carrier, key, value) -> {
            if (TraceParent.TRACEPARENT.equals(key) || TraceParent.TRACESTATE.equals(key)) {
                carrier.withExtension(key, value);
            }
        });
    }

    /**
     * Starts the span in which a consumer handles a message: under the context it came with, or under
     * the case's newest span when it came with none or with another trace than its case's.
     */
    public Span startProcess(CloudEvent event, Message message, String topic) {
        TraceParent sent = carriedBy(event);
        TraceParent parent = sent;
        String cause = null;
        UUID caseId = caseIdOf(message);
        if (on() && caseId != null && caseTraces != null) {
            Optional<TraceParent> known = caseTraces.find(caseId);
            if (known.isPresent() && (sent == null || !sent.traceId().equals(known.get().traceId()))) {
                parent = known.get();
                cause = sent == null ? null : sent.traceId();
            }
        }
        Span.Builder builder = parent != null ? propagator.extract(parent.asFields(), Map::get)
                : tracer.spanBuilder().setNoParent();
        builder.kind(Span.Kind.CONSUMER).name("process " + shortName(event.getType())).remoteServiceName("kafka")
                .tag("messaging.system", "kafka").tag("messaging.destination.name", topic)
                .tag("messaging.message.id", event.getId()).tag("cloudevents.event_type", event.getType());
        if (event.getSubject() != null) {
            builder.tag("cloudevents.event_subject", event.getSubject());
        }
        if (caseId != null) {
            builder.tag(CASE_ID, caseId.toString());
        }
        if (cause != null) {
            builder.tag(CAUSE_TRACE_ID, cause);
        }
        return builder.start();
    }

    /** Puts the span in scope on this thread (and its ids in the log's MDC) until closed. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /**
     * Records the span in which this service handled a message about a case as the case's newest
     * context, in the handler's transaction: what this service writes for the case later hangs under it.
     */
    public void handled(Message message, Span span) {
        UUID caseId = caseIdOf(message);
        if (!on() || caseId == null || caseTraces == null) {
            return;
        }
        TraceParent context = contextOf(span);
        if (context != null) {
            caseTraces.advance(caseId, context);
        }
    }

    /** Deletes one batch of case traces past their retention; 0 when cases are not traced. */
    public int pruneCaseTraces() {
        return caseTraces == null ? 0 : caseTraces.prune();
    }

    /** The context a CloudEvent carries in its distributed-tracing extension, or null. */
    public static TraceParent carriedBy(CloudEvent event) {
        Object parent = event.getExtension(TraceParent.TRACEPARENT);
        if (parent == null || parent.toString().isBlank()) {
            return null;
        }
        Object state = event.getExtension(TraceParent.TRACESTATE);
        return new TraceParent(parent.toString(), state == null ? null : state.toString());
    }

    private TraceParent contextOf(Span span) {
        Map<String, String> fields = new HashMap<>(4);
        propagator.inject(span.context(), fields, Map::put);
        return TraceParent.from(fields);
    }

    private static UUID caseIdOf(Message message) {
        return message instanceof CaseMessage m ? m.caseId() : null;
    }

    /** {@code returnflow.flight.BookSeat.v1} reads {@code BookSeat}. */
    static String shortName(String type) {
        if (type == null) {
            return "message";
        }
        String[] parts = type.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : type;
    }
}
