package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who is notified, in which locale, and whether the notice window holds (S4), as the bean
 * {@code notice}. The notice of a booking goes to the person, counsel of record (when there is one)
 * and the receiving consulate, each in its own instance of the multi-instance sub-process with a
 * local {@code recipientType}; each delivery sets the local {@code deliveredAt}, and the latest one
 * decides the window: the departure must be at least {@code noticeHours} after it.
 */
@Component("notice")
public class NoticePlan {

    public static final String RECIPIENT_TYPE = "recipientType";
    public static final String DELIVERED_AT = "deliveredAt";
    public static final String LATEST_DELIVERED_AT = "latestDeliveredAt";
    public static final String ATTEMPTS = "notificationAttempts";
    public static final String TEMPLATE_KEY = "templateKey";

    /** The consulate's locale by destination country; English where none is listed. */
    static final Map<String, String> CONSULATE_LOCALES = Map.of("IRN", "fa", "PAN", "es", "AFG", "fa", "TUR", "tr",
            "CHN", "zh", "VNM", "vi", "UZB", "uz", "IND", "en", "PAK", "en");

    /** The recipients of the booking notice. */
    public List<String> recipients(DelegateExecution execution) {
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
     * listener correlates NotificationDelivered with {@code localVariableEquals("recipientType", …)}.
     */
    public void bindRecipient(DelegateExecution execution) {
        execution.setVariableLocal(RECIPIENT_TYPE, execution.getVariable(RECIPIENT_TYPE));
    }

    /** A new round of notices (after a booking) starts with no delivery and no failed attempt. */
    public void reset(DelegateExecution execution) {
        execution.removeVariable(LATEST_DELIVERED_AT);
        for (RecipientType recipient : RecipientType.values()) {
            execution.getProcessInstance().removeVariable(ATTEMPTS + "_" + recipient.name());
        }
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
        return ATTEMPTS + "_" + CaseVariables.required(execution, RECIPIENT_TYPE);
    }

    /** Keeps the latest delivery time of this round on the case. */
    public void delivered(DelegateExecution execution) {
        Instant deliveredAt = CaseVariables.instant(execution, DELIVERED_AT);
        if (deliveredAt == null) {
            deliveredAt = CaseVariables.now();
        }
        Instant latest = CaseVariables.instant(execution.getProcessInstance(), LATEST_DELIVERED_AT);
        if (latest == null || deliveredAt.isAfter(latest)) {
            execution.getProcessInstance().setVariable(LATEST_DELIVERED_AT, deliveredAt.toString());
        }
    }

    /** S4: the departure is at least noticeHours after the last delivery. */
    public boolean windowRespected(DelegateExecution execution) {
        Instant departureAt = CaseVariables.instant(execution, Var.DEPARTURE_AT);
        Instant latest = CaseVariables.instant(execution, LATEST_DELIVERED_AT);
        int noticeHours = CaseVariables.integer(execution, Var.NOTICE_HOURS, 72);
        if (departureAt == null || latest == null) {
            return false;
        }
        return !departureAt.isBefore(latest.plus(Duration.ofHours(noticeHours)));
    }

    static String locale(DelegateExecution execution, RecipientType recipient) {
        return switch (recipient) {
            case DETAINEE -> CaseVariables.required(execution, Var.PREFERRED_LANGUAGE);
            case COUNSEL -> "en";
            case CONSULATE -> CONSULATE_LOCALES.getOrDefault(CaseVariables.string(execution, Var.DESTINATION_COUNTRY), "en");
        };
    }
}
