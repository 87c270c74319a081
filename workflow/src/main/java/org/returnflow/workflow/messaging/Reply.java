package org.returnflow.workflow.messaging;

import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What one consumed message means for one case: whether it still stands (the request it answers is
 * the newest of its kind; the seat it is about is the case's seat), the safeguard fact it records
 * when it does, the BPMN message it correlates by business key (the caseId), the variables it sets,
 * and the line it adds to the case's history. Variable values are strings and booleans only, so
 * that a reply survives its round trip through the inbox table unchanged.
 *
 * @param messageName    the BPMN message name, which is the contracts' message name
 * @param variables      process variables to set
 * @param localVariables variables to set on the execution that receives the message
 * @param localMatch     local variables the receiving execution must have, e.g. {@code recipientType}
 * @param correlate      false for a message that only adds to the history
 * @param kind           the history kind, e.g. {@code SEAT_BOOKED}
 * @param detail         the history detail: codes and ids, never a name
 * @param answers        the command this reply answers, or null for an event no command asked for
 * @param requestId      the request id the reply names (the command's CloudEvents id)
 * @param seatFlightId   for an event about the case's seat: the flight; it stands, and is correlated,
 *                       only while the case's seat is on that flight
 * @param standing       any further condition under which the reply stands
 * @param fact           what the reply records in the case's safeguard records when it stands
 */
public record Reply(String messageName, UUID caseId, Map<String, Object> variables, Map<String, Object> localVariables,
                    Map<String, Object> localMatch, boolean correlate, String kind, String detail,
                    String answers, UUID requestId, UUID seatFlightId, Standing standing, Fact fact) {

    /** A condition under which a reply stands. */
    @FunctionalInterface
    public interface Standing {
        Standing ALWAYS = (records, requests) -> null;

        /** Why the reply is stale, or null when it stands. */
        String staleBecause(CaseSafeguards records, CaseRequests requests);
    }

    /** What a reply that stands records in the case's safeguard records, in the consumer's transaction. */
    @FunctionalInterface
    public interface Fact {
        Fact NONE = (records, requests, messageId) -> {
        };

        void record(CaseSafeguards records, CaseRequests requests, String messageId);
    }

    public Reply {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        localVariables = Collections.unmodifiableMap(new LinkedHashMap<>(localVariables));
        localMatch = Collections.unmodifiableMap(new LinkedHashMap<>(localMatch));
    }

    /** A reply that correlates BPMN message {@code messageName} to the case's instance. */
    public static Reply to(String messageName, UUID caseId) {
        return new Reply(messageName, caseId, Map.of(), Map.of(), Map.of(), true, kindOf(messageName), null,
                null, null, null, Standing.ALWAYS, Fact.NONE);
    }

    /** A message that is only recorded in the case's history, under {@code kind}. */
    public static Reply historyOnly(String messageName, UUID caseId, String kind) {
        return new Reply(messageName, caseId, Map.of(), Map.of(), Map.of(), false, kind, null,
                null, null, null, Standing.ALWAYS, Fact.NONE);
    }

    /** The reply answers {@code command} with this request id: it stands only while that is the newest request. */
    public Reply answering(String command, UUID request) {
        return new Reply(messageName, caseId, variables, localVariables, localMatch, correlate, kind, detail,
                command, request, seatFlightId, standing, fact);
    }

    /** The event is about the case's seat on this flight: it stands only while the seat is on it. */
    public Reply aboutSeatOn(UUID flightId) {
        return new Reply(messageName, caseId, variables, localVariables, localMatch, correlate, kind, detail,
                answers, requestId, flightId, standing, fact);
    }

    public Reply standsIf(Standing condition) {
        return new Reply(messageName, caseId, variables, localVariables, localMatch, correlate, kind, detail,
                answers, requestId, seatFlightId, condition, fact);
    }

    public Reply recording(Fact newFact) {
        return new Reply(messageName, caseId, variables, localVariables, localMatch, correlate, kind, detail,
                answers, requestId, seatFlightId, standing, newFact);
    }

    /** Sets a process variable; a null value is left out. */
    public Reply set(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> v = new LinkedHashMap<>(variables);
        v.put(name, value);
        return new Reply(messageName, caseId, v, localVariables, localMatch, correlate, kind, detail,
                answers, requestId, seatFlightId, standing, fact);
    }

    /** Sets a variable on the receiving execution only. */
    public Reply setLocal(String name, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(localVariables);
        v.put(name, value);
        return new Reply(messageName, caseId, variables, v, localMatch, correlate, kind, detail,
                answers, requestId, seatFlightId, standing, fact);
    }

    /** Correlates only to an execution whose local variable {@code name} equals {@code value}. */
    public Reply whereLocal(String name, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(localMatch);
        v.put(name, value);
        return new Reply(messageName, caseId, variables, localVariables, v, correlate, kind, detail,
                answers, requestId, seatFlightId, standing, fact);
    }

    /** Records the message in the history only, without correlating it. */
    public Reply historyOnly() {
        return new Reply(messageName, caseId, variables, localVariables, localMatch, false, kind, detail,
                answers, requestId, seatFlightId, standing, fact);
    }

    public Reply detail(String newDetail) {
        return new Reply(messageName, caseId, variables, localVariables, localMatch, correlate, kind, newDetail,
                answers, requestId, seatFlightId, standing, fact);
    }

    /** {@code SeatBooked} becomes {@code SEAT_BOOKED}. */
    static String kindOf(String messageName) {
        return messageName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
