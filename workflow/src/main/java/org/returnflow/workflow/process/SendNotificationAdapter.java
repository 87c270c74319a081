package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code SendTask_SendNotification} and {@code SendTask_NotifyWithdrawal}: one notice to the
 * recipient in {@code recipientType}, with the template from the input parameter {@code templateKey}.
 * It never carries an address: for the person and counsel, notification looks the contact up by
 * {@code detaineeId}; for the consulate, by {@code country}. The person's notice is in their
 * preferred language (S4).
 */
@Component
public class SendNotificationAdapter implements JavaDelegate {

    private final EventOutbox outbox;

    public SendNotificationAdapter(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecipientType recipient = RecipientType.valueOf(CaseVariables.required(execution, NoticePlan.RECIPIENT_TYPE));
        TemplateKey template = TemplateKey.valueOf(CaseVariables.required(execution, NoticePlan.TEMPLATE_KEY));
        Map<String, String> data = new LinkedHashMap<>();
        put(data, "destinationCountry", execution.getVariable(Var.DESTINATION_COUNTRY));
        if (template == TemplateKey.CASE_WITHDRAWN) {
            put(data, "reason", execution.getVariable(Var.REASON));
        } else {
            put(data, "flightId", execution.getVariable(Var.FLIGHT_ID));
            put(data, "flightNumber", execution.getVariable(Seat.FLIGHT_NUMBER));
            put(data, "departureAt", execution.getVariable(Var.DEPARTURE_AT));
            put(data, "departureAirport", execution.getVariable(Seat.DEPARTURE_AIRPORT));
            put(data, "stopoverAirports", execution.getVariable(Seat.STOPOVER_AIRPORTS));
            put(data, "arrivalAirport", execution.getVariable(Seat.ARRIVAL_AIRPORT));
        }
        outbox.publish(new SendNotification(CaseVariables.requiredUuid(execution, Var.CASE_ID),
                CaseVariables.requiredUuid(execution, Var.DETAINEE_ID), recipient, null,
                recipient == RecipientType.CONSULATE ? CaseVariables.required(execution, Var.DESTINATION_COUNTRY) : null,
                template, NoticePlan.locale(execution, recipient),
                template == TemplateKey.CASE_WITHDRAWN ? null : CaseVariables.uuid(execution, Var.FLIGHT_ID), data));
        NoticePlan.countAttempt(execution);
    }

    private static void put(Map<String, String> data, String key, Object value) {
        if (value != null) {
            data.put(key, value.toString());
        }
    }
}
