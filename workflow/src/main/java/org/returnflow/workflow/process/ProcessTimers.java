package org.returnflow.workflow.process;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * How long the process waits, exposed to the BPMN model as the bean {@code timers}
 * ({@code ${timers.replyTimeout}}). Durations are ISO-8601 strings, as Camunda timers take them.
 * Every one can be set as {@code returnflow.workflow.timers.*} or by environment variable, e.g.
 * {@code RETURNFLOW_WORKFLOW_TIMERS_REPLY_TIMEOUT=PT2H}.
 */
@Component("timers")
@ConfigurationProperties("returnflow.workflow.timers")
public class ProcessTimers {

    /** How long a command waits for its reply before it is sent again. */
    private String replyTimeout = "PT6H";
    /** How long the person has to answer a consent request; RequestConsent.dueBy is now + this. */
    private String consentTimeout = "P7D";
    /** After SeatUnavailable: book again after this, or earlier when a flight is scheduled. */
    private String seatRetry = "P1D";
    /** How often an overdue flight event (manifest lock, boarding, handover) is raised to operators. */
    private String reminderInterval = "P1D";
    /** How many overdue replies or reminders are noted before the timer job fails and Cockpit shows an incident. */
    private int maxOverdue = 3;
    /** How many times a failed notice is sent before an operator must resolve it in Tasklist. */
    private int notificationAttempts = 3;

    public String getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(String replyTimeout) {
        this.replyTimeout = checked("replyTimeout", replyTimeout);
    }

    public String getConsentTimeout() {
        return consentTimeout;
    }

    public void setConsentTimeout(String consentTimeout) {
        this.consentTimeout = checked("consentTimeout", consentTimeout);
    }

    public String getSeatRetry() {
        return seatRetry;
    }

    public void setSeatRetry(String seatRetry) {
        this.seatRetry = checked("seatRetry", seatRetry);
    }

    public String getReminderInterval() {
        return reminderInterval;
    }

    public void setReminderInterval(String reminderInterval) {
        this.reminderInterval = checked("reminderInterval", reminderInterval);
    }

    /** The repeating cycle of the reminder timers, e.g. {@code R/P1D}. */
    public String getReminderCycle() {
        return "R/" + reminderInterval;
    }

    public int getMaxOverdue() {
        return maxOverdue;
    }

    public void setMaxOverdue(int maxOverdue) {
        this.maxOverdue = maxOverdue;
    }

    public int getNotificationAttempts() {
        return notificationAttempts;
    }

    public void setNotificationAttempts(int notificationAttempts) {
        this.notificationAttempts = notificationAttempts;
    }

    /** The consent timeout as a duration, for RequestConsent.dueBy. */
    public Duration consentDuration() {
        return Duration.parse(consentTimeout);
    }

    private static String checked(String name, String value) {
        try {
            Duration.parse(value);
            return value;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("returnflow.workflow.timers." + name
                    + " must be an ISO-8601 duration such as PT6H or P7D, got '" + value + "'", e);
        }
    }
}
