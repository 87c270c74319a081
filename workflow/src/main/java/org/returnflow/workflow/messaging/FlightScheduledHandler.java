package org.returnflow.workflow.messaging;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A new flight is news for every case that waits for a seat to its country: each instance waiting
 * for {@code FlightScheduled} whose {@code destinationCountry} is the flight's gets the message,
 * through the inbox, one transaction per case. When none waits, nothing happens, and a case that
 * stopped waiting before its turn does not get it later: the event is news, not a reply, and is
 * not kept.
 */
@Component
class FlightScheduledHandler implements MessageHandler<FlightScheduled> {

    private final RuntimeService runtime;
    private final CaseInbox inbox;

    FlightScheduledHandler(RuntimeService runtime, CaseInbox inbox) {
        this.runtime = runtime;
        this.inbox = inbox;
    }

    @Override
    public Class<FlightScheduled> messageType() {
        return FlightScheduled.class;
    }

    @Override
    public void handle(FlightScheduled flight, MessageContext context) {
        Set<String> instanceIds = runtime.createExecutionQuery()
                .messageEventSubscriptionName(Msg.FLIGHT_SCHEDULED)
                .processVariableValueEquals(Var.DESTINATION_COUNTRY, flight.destinationCountry())
                .list().stream()
                .map(Execution::getProcessInstanceId)
                .collect(Collectors.toSet());
        if (instanceIds.isEmpty()) {
            return;
        }
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list()) {
            UUID caseId = caseIdOf(instance);
            if (caseId == null) {
                continue;
            }
            inbox.accept(Reply.to(Msg.FLIGHT_SCHEDULED, caseId)
                    .detail("flight " + flight.flightNumber() + " (" + flight.flightId() + ") to "
                            + flight.destinationCountry() + " scheduled for " + flight.departureAt() + " with "
                            + flight.seatsForReturnees() + " seats for returnees"), context);
        }
    }

    /** The business key as a caseId; null for an instance started by hand without one. */
    private static UUID caseIdOf(ProcessInstance instance) {
        try {
            return instance.getBusinessKey() == null ? null : UUID.fromString(instance.getBusinessKey());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
