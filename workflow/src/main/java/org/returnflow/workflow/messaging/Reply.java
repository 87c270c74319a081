package org.returnflow.workflow.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one consumed message means for one case: the BPMN message to correlate by business key
 * (the caseId), the process variables it sets, and the line it adds to the case's history.
 * Values are strings and booleans only, so that a reply survives its round trip through the inbox
 * table unchanged.
 *
 * @param messageName    the BPMN message name, which is the contracts' message name
 * @param variables      process variables to set
 * @param localVariables variables to set on the execution that receives the message
 * @param localMatch     local variables the receiving execution must have, e.g. {@code recipientType}
 * @param correlate      false for a message that only adds to the history
 * @param kind           the history kind, e.g. {@code SEAT_BOOKED}
 * @param detail         the history detail: codes and ids, never a name
 */
public record Reply(String messageName, UUID caseId, Map<String, Object> variables, Map<String, Object> localVariables,
                    Map<String, Object> localMatch, boolean correlate, String kind, String detail) {

    public Reply {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        localVariables = Collections.unmodifiableMap(new LinkedHashMap<>(localVariables));
        localMatch = Collections.unmodifiableMap(new LinkedHashMap<>(localMatch));
    }

    /** A reply that correlates BPMN message {@code messageName} to the case's instance. */
    public static Reply to(String messageName, UUID caseId) {
        return new Reply(messageName, caseId, Map.of(), Map.of(), Map.of(), true, kindOf(messageName), null);
    }

    /** A message that is only recorded in the case's history, under {@code kind}. */
    public static Reply historyOnly(String messageName, UUID caseId, String kind) {
        return new Reply(messageName, caseId, Map.of(), Map.of(), Map.of(), false, kind, null);
    }

    /** Sets a process variable; a null value is left out. */
    public Reply set(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> v = new LinkedHashMap<>(variables);
        v.put(name, value);
        return new Reply(messageName, caseId, v, localVariables, localMatch, correlate, kind, detail);
    }

    /** Sets a variable on the receiving execution only. */
    public Reply setLocal(String name, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(localVariables);
        v.put(name, value);
        return new Reply(messageName, caseId, variables, v, localMatch, correlate, kind, detail);
    }

    /** Correlates only to an execution whose local variable {@code name} equals {@code value}. */
    public Reply whereLocal(String name, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(localMatch);
        v.put(name, value);
        return new Reply(messageName, caseId, variables, localVariables, v, correlate, kind, detail);
    }

    public Reply detail(String newDetail) {
        return new Reply(messageName, caseId, variables, localVariables, localMatch, correlate, kind, newDetail);
    }

    /** {@code SeatBooked} becomes {@code SEAT_BOOKED}. */
    static String kindOf(String messageName) {
        return messageName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
