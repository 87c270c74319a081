package org.returnflow.platform.messaging;

import java.util.HashMap;
import java.util.Map;

/**
 * A W3C trace context as the propagator writes it ({@code traceparent}, and {@code tracestate} when
 * there is one): what an outbox row and a case's trace record keep, and what a CloudEvent carries in
 * its distributed-tracing extension. The propagator writes and reads it; this record only stores it.
 *
 * @param traceparent {@code version-traceid-spanid-flags}, 55 characters in version 00
 * @param tracestate  vendor entries, or null
 */
public record TraceParent(String traceparent, String tracestate) {

    /** The CloudEvents extension (and W3C header) that carries the trace context. */
    public static final String TRACEPARENT = "traceparent";
    /** The CloudEvents extension (and W3C header) that carries vendor trace state. */
    public static final String TRACESTATE = "tracestate";

    public TraceParent {
        if (traceparent == null || traceparent.isBlank()) {
            throw new IllegalArgumentException("traceparent is required");
        }
        if (tracestate != null && tracestate.isBlank()) {
            tracestate = null;
        }
    }

    /** The context a propagator wrote into {@code fields}, or null when it wrote none (no tracing, no span). */
    public static TraceParent from(Map<String, String> fields) {
        String parent = fields.get(TRACEPARENT);
        return parent == null || parent.isBlank() ? null : new TraceParent(parent, fields.get(TRACESTATE));
    }

    /** The trace id: the second field of {@code traceparent}, which every version of the format keeps. */
    public String traceId() {
        String[] parts = traceparent.split("-");
        return parts.length > 1 ? parts[1] : "";
    }

    /** The fields, as a carrier a propagator reads. */
    public Map<String, String> asFields() {
        Map<String, String> fields = new HashMap<>(2);
        fields.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            fields.put(TRACESTATE, tracestate);
        }
        return fields;
    }
}
