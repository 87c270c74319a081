package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Seat;
import org.returnflow.workflow.domain.FearClaimWindows;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code SendTask_SendNotification} and {@code SendTask_NotifyWithdrawal}: one notice to the
 * recipient in {@code recipientType}, with the template from the input parameter {@code templateKey}.
 * It never carries an address: for the person and counsel, notification looks the contact up by
 * {@code detaineeId}; for the consulate, by {@code country}. The person's notice is in their
 * preferred language (S4). A booking notice is about the seat in the case's records, and its
 * request is scoped to the recipient, so each recipient's wait takes only the answer to its own,
 * newest notice. A DESTINATION_NOTICE is about no flight: it names the destination and the end of the
 * case's fear-claim window for it ({@code windowEndsAt}), from the records.
 */
@Component
public class SendNotificationAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final CaseSafeguards records;
    private final FearClaimWindows windows;

    public SendNotificationAdapter(CaseCommands commands, CaseSafeguards records, FearClaimWindows windows) {
        this.commands = commands;
        this.records = records;
        this.windows = windows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        RecipientType recipient = RecipientType.valueOf(CaseVariables.required(execution, Var.RECIPIENT_TYPE));
        TemplateKey template = TemplateKey.valueOf(CaseVariables.required(execution, Var.TEMPLATE_KEY));
        Map<String, String> data = new LinkedHashMap<>();
        put(data, "destinationCountry", execution.getVariable(Var.DESTINATION_COUNTRY));
        UUID flightId = null;
        if (template == TemplateKey.CASE_WITHDRAWN) {
            put(data, "reason", execution.getVariable(Var.REASON));
        } else if (template == TemplateKey.DESTINATION_NOTICE) {
            String destination = CaseVariables.required(execution, Var.DESTINATION_COUNTRY);
            put(data, "windowEndsAt", windows.of(caseId, destination).map(FearClaimWindows.Window::endsAt)
                    .orElseThrow(() -> new IllegalStateException("no fear-claim window for " + destination)));
        } else {
            Optional<Seat> seat = records.seat(caseId);
            if (seat.isPresent()) {
                Seat s = seat.get();
                flightId = s.flightId();
                put(data, "flightId", s.flightId());
                put(data, "flightNumber", s.flightNumber());
                put(data, "departureAt", s.departureAt());
                put(data, "departureAirport", s.departureAirport());
                put(data, "stopoverAirports", String.join(",", s.stopoverAirports()));
                put(data, "arrivalAirport", s.arrivalAirport());
            }
        }
        commands.send(new SendNotification(caseId, CaseVariables.requiredUuid(execution, Var.DETAINEE_ID), recipient, null,
                recipient == RecipientType.CONSULATE ? CaseVariables.required(execution, Var.DESTINATION_COUNTRY) : null,
                template, NoticePlan.locale(execution, recipient), flightId, data,
                (String) execution.getVariable(Var.FACILITY_CODE)), recipient.name(), template.name(), flightId);
        NoticePlan.countAttempt(execution);
    }

    private static void put(Map<String, String> data, String key, Object value) {
        if (value != null) {
            data.put(key, value.toString());
        }
    }
}
