package org.returnflow.bench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The beans the {@code removal-case} model names, for a bare engine: each one changes the process
 * variables as the workflow's bean of the same name does ({@code org.returnflow.workflow.process}),
 * and each send task, instead of writing its command to the outbox, answers with the reply the
 * service would send ({@link InEngineReplies}), after its transaction commits. The workflow's case
 * records (removal_case, case_history and the outbox rows of CaseStateChanged) are not written:
 * this is the engine's own cost of the model.
 */
final class EngineBeans {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID FLIGHT = UUID.fromString("00000000-0000-4000-8000-00000000f11e");

    private EngineBeans() {
    }

    /**
     * @param notified called with the caseId after the transaction that entered NOTIFIED committed
     */
    static Map<Object, Object> of(InEngineReplies replies, Consumer<String> notified) {
        Map<Object, Object> beans = new HashMap<>();
        beans.put("caseStates", new CaseStates(notified));
        beans.put("safeguards", new Safeguards());
        beans.put("notice", new Notice());
        beans.put("destinationRequirements", new DestinationRequirements());
        beans.put("timers", new Timers());
        beans.put("replyOverdue", (ExecutionListener) execution -> {
        });
        beans.put("legalReviewDecision", (TaskListener) (DelegateTask task) -> {
        });
        beans.put("supervisorApproval", (TaskListener) (DelegateTask task) -> {
        });

        beans.put("describeDetaineeAdapter", (JavaDelegate) execution -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("nationality", "IRN");
            v.put("preferredLanguage", "fa");
            v.put("detainedSince", "2026-09-01");
            v.put("facilityCode", "LA-ASF");
            v.put("hasCounsel", true);
            replies.afterCommit("DetaineeDescribed", caseId(execution), v, null, null);
        });
        beans.put("assessEligibilityAdapter", (JavaDelegate) execution -> {
            execution.removeVariable("eligible");
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("eligible", true);
            v.put("blockers", "[]");
            replies.afterCommit("EligibilityAssessed", caseId(execution), v, null, null);
        });
        beans.put("requestConsentAdapter", (JavaDelegate) execution -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("consentId", UUID.randomUUID().toString());
            v.put("voluntary", true);
            replies.afterCommit("ConsentGiven", caseId(execution), v, null, null);
        });
        beans.put("bookSeatAdapter", (JavaDelegate) execution -> {
            for (String name : List.of("flightId", "seat", "departureAt", "flightNumber", "departureAirport",
                    "stopoverAirports", "arrivalAirport")) {
                execution.removeVariable(name);
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("flightId", FLIGHT.toString());
            v.put("seat", "12A");
            v.put("departureAt", Instant.now().plus(Duration.ofDays(5)).toString());
            v.put("flightNumber", "RB0000001");
            v.put("departureAirport", "AEX");
            v.put("stopoverAirports", "DOH");
            v.put("arrivalAirport", "IKA");
            replies.afterCommit("SeatBooked", caseId(execution), v, null, null);
        });
        beans.put("sendNotificationAdapter", (JavaDelegate) execution -> {
            String recipient = (String) execution.getVariable("recipientType");
            String attempts = "notificationAttempts_" + recipient;
            Object before = execution.getProcessInstance().getVariable(attempts);
            execution.getProcessInstance().setVariable(attempts, before instanceof Number n ? n.intValue() + 1 : 1);
            replies.afterCommit("NotificationDelivered", caseId(execution), Map.of(),
                    new AbstractMap.SimpleImmutableEntry<>("recipientType", recipient),
                    Map.of("deliveredAt", Instant.now().toString()));
        });
        JavaDelegate quiet = execution -> {
        };
        beans.put("releaseSeatAdapter", quiet);
        beans.put("recordRemovalAdapter", quiet);
        beans.put("releaseFromOperationAdapter", quiet);
        return beans;
    }

    static String caseId(DelegateExecution execution) {
        return (String) execution.getVariable("caseId");
    }

    /** {@code caseStates}: keeps {@code state}; reports NOTIFIED once its transaction committed. */
    public static final class CaseStates {
        private final Consumer<String> notified;

        CaseStates(Consumer<String> notified) {
            this.notified = notified;
        }

        public void enter(DelegateExecution execution, String state) {
            if (state.equals(execution.getVariable("state"))) {
                return;
            }
            execution.setVariable("state", state);
            if ("NOTIFIED".equals(state)) {
                String caseId = caseId(execution);
                Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                        committed -> notified.accept(caseId));
            }
        }

        public void note(DelegateExecution execution, String kind, Object detail) {
            // the workflow appends a history line here; the engine alone has no case records
        }
    }

    /**
     * {@code safeguards}: the workflow reads each decision from its case records; the bare engine
     * keeps the same facts in the variables the replies set, at no cost beyond the engine's.
     */
    public static final class Safeguards {
        public void assessed(DelegateExecution execution) {
        }

        public boolean blocked(DelegateExecution execution) {
            List<String> codes = new ArrayList<>();
            Object json = execution.getVariable("blockers");
            if (json instanceof String s && !s.isBlank()) {
                try {
                    for (JsonNode b : JSON.readTree(s)) {
                        codes.add(b.path("code").asText());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("blockers is not JSON", e);
                }
            }
            return !codes.isEmpty() || !Boolean.TRUE.equals(execution.getVariable("eligible"));
        }

        public String offloadReason(DelegateExecution execution) {
            return "OFFLOADED_NOT_ASSESSED";
        }

        public void holdPlaced(DelegateExecution execution) {
            execution.setVariable("releaseReason", "LEGAL_HOLD_PLACED");
        }

        public String reviewDecision(DelegateExecution execution) {
            return String.valueOf(execution.getVariable("decision"));
        }

        public boolean needsSupervisorApproval(DelegateExecution execution) {
            return false;
        }

        public String supervisorDecision(DelegateExecution execution) {
            return String.valueOf(execution.getVariable("supervisorDecision"));
        }

        public boolean consentToRequest(DelegateExecution execution) {
            return execution.getVariable("voluntary") == null;
        }

        public boolean consentRefusedWhereRequired(DelegateExecution execution) {
            return Boolean.FALSE.equals(execution.getVariable("voluntary")) && requiresConsent(execution);
        }

        public boolean requiresConsent(DelegateExecution execution) {
            return Boolean.TRUE.equals(execution.getVariable("requiresConsent"));
        }

        public void consentTaken(DelegateExecution execution) {
        }

        public void consentTimedOut(DelegateExecution execution) {
            execution.setVariable("voluntary", false);
        }

        public void consentWithdrawn(DelegateExecution execution) {
            execution.setVariable("voluntary", false);
            execution.setVariable("releaseReason", "CONSENT_WITHDRAWN");
        }

        public void seatTaken(DelegateExecution execution) {
        }

        public void flightCancelled(DelegateExecution execution) {
            execution.removeVariable("flightId");
        }

        public void seatStruck(DelegateExecution execution) {
        }

        public boolean rebookAfterStrike(DelegateExecution execution) {
            return false;
        }
    }

    /** {@code notice}: the recipients, their delivery times and the notice window. */
    public static final class Notice {
        public List<String> recipients(DelegateExecution execution) {
            List<String> recipients = withdrawalRecipients(execution);
            recipients.add("CONSULATE");
            return recipients;
        }

        public List<String> withdrawalRecipients(DelegateExecution execution) {
            List<String> recipients = new ArrayList<>();
            recipients.add("DETAINEE");
            if (Boolean.TRUE.equals(execution.getVariable("hasCounsel"))) {
                recipients.add("COUNSEL");
            }
            return recipients;
        }

        public void bindRecipient(DelegateExecution execution) {
            execution.setVariableLocal("recipientType", execution.getVariable("recipientType"));
        }

        public void reset(DelegateExecution execution) {
            for (String recipient : List.of("DETAINEE", "COUNSEL", "CONSULATE")) {
                execution.getProcessInstance().removeVariable("notificationAttempts_" + recipient);
            }
        }

        public boolean mayResend(DelegateExecution execution, int allowed) {
            Object attempts = execution.getProcessInstance().getVariable("notificationAttempts_" + execution.getVariable("recipientType"));
            return !(attempts instanceof Number n) || n.intValue() < allowed;
        }

        public void resetAttempts(DelegateExecution execution) {
            execution.getProcessInstance().removeVariable("notificationAttempts_" + execution.getVariable("recipientType"));
        }

        /** The bare engine delivers every notice at once: the window holds when the flight leaves noticeHours from now. */
        public boolean windowRespected(DelegateExecution execution) {
            Object departure = execution.getVariable("departureAt");
            Object hours = execution.getVariable("noticeHours");
            if (departure == null) {
                return false;
            }
            int notice = hours instanceof Number n ? n.intValue() : 72;
            return !Instant.parse(departure.toString()).isBefore(Instant.now().plus(Duration.ofHours(notice)));
        }
    }

    /** {@code destinationRequirements}: the DMN's single result spread into variables. */
    public static final class DestinationRequirements {
        public void apply(DelegateExecution execution) {
            Object raw = execution.getVariable("requirementsResult");
            if (!(raw instanceof Map<?, ?> result)) {
                throw new IllegalStateException("destination-requirements gave no single result");
            }
            execution.setVariable("requiresConsent", Boolean.TRUE.equals(result.get("requiresConsent")));
            execution.setVariable("noticeHours", ((Number) result.get("noticeHours")).intValue());
            execution.setVariable("requiresTravelDocument", Boolean.TRUE.equals(result.get("requiresTravelDocument")));
            Object max = result.get("maxPerFlight");
            execution.setVariable("maxPerFlight", max instanceof Number n ? n.intValue() : null);
            execution.removeVariable("requirementsResult");
        }
    }

    /** {@code timers}: the workflow's defaults. */
    public static final class Timers {
        public String getReplyTimeout() {
            return "PT6H";
        }

        public String getConsentTimeout() {
            return "P7D";
        }

        public String getSeatRetry() {
            return "P1D";
        }

        public String getReminderCycle() {
            return "R/P1D";
        }

        public int getNotificationAttempts() {
            return 3;
        }
    }
}
