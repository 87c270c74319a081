package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Seat;
import org.returnflow.workflow.process.ProcessConstants.Command;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is notified, in which locale, and whether the notice window holds (S4), as the bean
 * {@code notice}. The notice of a booking goes to the person, counsel of record (when there is one)
 * and the receiving consulate, each in its own instance of the multi-instance sub-process with a
 * local {@code recipientType}. The window is measured from the case's records: the departure of the
 * seat it holds must be at least {@code noticeHours} after the last delivery of the newest notice to
 * each recipient about that flight.
 */
@Component("notice")
public class NoticePlan {

    /** The consulate's locale by destination country; English where none is listed. */
    static final Map<String, String> CONSULATE_LOCALES = Map.of("IRN", "fa", "PAN", "es", "AFG", "fa", "TUR", "tr",
            "CHN", "zh", "VNM", "vi", "UZB", "uz", "IND", "en", "PAK", "en");

    private final CaseSafeguards records;
    private final CaseRequests requests;

    public NoticePlan(CaseSafeguards records, CaseRequests requests) {
        this.records = records;
        this.requests = requests;
    }

    /**
     * The recipients of this round's notice: the person, counsel and the consulate for a booking; the
     * person and counsel only for the DESTINATION_NOTICE of a fear-claim window, which is never the
     * consulate's business.
     */
    public List<String> recipients(DelegateExecution execution) {
        if (TemplateKey.DESTINATION_NOTICE.name().equals(template(execution))) {
            return withdrawalRecipients(execution);
        }
        List<String> recipients = new ArrayList<>(withdrawalRecipients(execution));
        recipients.add(RecipientType.CONSULATE.name());
        return recipients;
    }

    /** The recipients of a withdrawal notice: the person and counsel of record. */
    public List<String> withdrawalRecipients(DelegateExecution execution) {
        List<String> recipients = new ArrayList<>();
        recipients.add(RecipientType.DETAINEE.name());
        if (CaseVariables.flag(execution, Var.HAS_COUNSEL)) {
            recipients.add(RecipientType.COUNSEL.name());
        }
        return recipients;
    }

    /**
     * Makes {@code recipientType} local to the execution that waits for the delivery, so that the
     * reply correlates with {@code localVariableEquals("recipientType", …)}.
     */
    public void bindRecipient(DelegateExecution execution) {
        execution.setVariableLocal(Var.RECIPIENT_TYPE, execution.getVariable(Var.RECIPIENT_TYPE));
    }

    /**
     * A new round of notices starts with no failed attempt: CASE_BOOKED after a booking, FLIGHT_CHANGED
     * after a reschedule, DESTINATION_NOTICE when a fear-claim window opens.
     */
    public void round(DelegateExecution execution, String template) {
        execution.setVariable(Var.NOTICE_TEMPLATE, TemplateKey.valueOf(template).name());
        for (RecipientType recipient : RecipientType.values()) {
            execution.getProcessInstance().removeVariable(Var.NOTIFICATION_ATTEMPTS + "_" + recipient.name());
        }
    }

    /** The template of this round's notices. */
    public String template(DelegateExecution execution) {
        Object template = execution.getVariable(Var.NOTICE_TEMPLATE);
        return template == null ? TemplateKey.CASE_BOOKED.name() : template.toString();
    }

    /** Whether a failed notice to this instance's recipient may be sent again without an operator. */
    public boolean mayResend(DelegateExecution execution, int allowed) {
        return attempts(execution) < allowed;
    }

    /** An operator resolved the failure: the recipient gets a fresh set of attempts. */
    public void resetAttempts(DelegateExecution execution) {
        execution.getProcessInstance().removeVariable(attemptsVariable(execution));
    }

    /** Counts one sending of the notice to this instance's recipient. */
    static void countAttempt(DelegateExecution execution) {
        execution.getProcessInstance().setVariable(attemptsVariable(execution), attempts(execution) + 1);
    }

    private static int attempts(DelegateExecution execution) {
        return CaseVariables.integer(execution.getProcessInstance(), attemptsVariable(execution), 0);
    }

    private static String attemptsVariable(DelegateExecution execution) {
        return Var.NOTIFICATION_ATTEMPTS + "_" + CaseVariables.required(execution, Var.RECIPIENT_TYPE);
    }

    /** S4: the departure of the seat held is at least noticeHours after the last delivery about it. */
    public boolean windowRespected(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        Optional<Seat> seat = records.seat(caseId);
        if (seat.isEmpty()) {
            return false;
        }
        Optional<Instant> latest = requests.allDelivered(caseId, Command.SEND_NOTIFICATION, seat.get().flightId());
        int noticeHours = records.requirements(caseId).noticeHours();
        return latest.isPresent() && !seat.get().departureAt().isBefore(latest.get().plus(Duration.ofHours(noticeHours)));
    }

    static String locale(DelegateExecution execution, RecipientType recipient) {
        return switch (recipient) {
            case DETAINEE -> CaseVariables.required(execution, Var.PREFERRED_LANGUAGE);
            case COUNSEL -> "en";
            case CONSULATE -> CONSULATE_LOCALES.getOrDefault(CaseVariables.string(execution, Var.DESTINATION_COUNTRY), "en");
        };
    }
}
