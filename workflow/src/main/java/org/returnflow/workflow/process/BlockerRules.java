package org.returnflow.workflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blocker rules of DESIGN.md step 3, as the bean {@code blockerRules}. After every
 * {@code EligibilityAssessed} it derives {@code blockerCodes} (comma-separated) and {@code blocked};
 * a blocker that a supervisor has approved past ({@code overriddenBlockers}, four eyes) no longer
 * blocks, every other one does. It also handles the facts that interrupt a case before departure.
 */
@Component("blockerRules")
public class BlockerRules {

    /** All blocker codes of the latest assessment, comma-separated. */
    public static final String BLOCKER_CODES = "blockerCodes";
    /** Whether any blocker that was not overridden with four eyes remains. */
    public static final String BLOCKED = "blocked";
    /** Overridable blocker codes a supervisor approved past, comma-separated. */
    public static final String OVERRIDDEN = "overriddenBlockers";
    /** Why the seat is released when compensation runs: LEGAL_HOLD_PLACED or CONSENT_WITHDRAWN. */
    public static final String RELEASE_REASON = "releaseReason";

    private final CaseStates caseStates;

    public BlockerRules(CaseStates caseStates) {
        this.caseStates = caseStates;
    }

    /** Derives blockerCodes and blocked from the variables that EligibilityAssessed set. */
    public void assess(DelegateExecution execution) {
        List<String> codes = codes(execution);
        execution.setVariable(BLOCKER_CODES, String.join(",", codes));
        boolean noAnswer = !(execution.getVariable(Var.ELIGIBLE) instanceof Boolean);
        // a missing or inconsistent answer never lets a case through
        boolean blocked = !open(execution).isEmpty() || noAnswer
                || (Boolean.FALSE.equals(execution.getVariable(Var.ELIGIBLE)) && codes.isEmpty());
        execution.setVariable(BLOCKED, blocked);
    }

    /** The reason recorded when a blocked person is offloaded at the manifest lock: OFFLOADED_&lt;CODE&gt;. */
    public String offloadReason(DelegateExecution execution) {
        List<String> open = open(execution);
        return "OFFLOADED_" + (open.isEmpty() ? "NOT_ASSESSED" : open.get(0));
    }

    /** LegalHoldPlaced: the hold becomes a blocker at once, and any booked seat is released (S1). */
    public void holdPlaced(DelegateExecution execution) {
        execution.setVariable(RELEASE_REASON, "LEGAL_HOLD_PLACED");
        execution.setVariable(Var.ELIGIBLE, false);
        ArrayNode blockers = blockerArray(execution);
        if (!codes(execution).contains(BlockerCode.ACTIVE_LEGAL_HOLD.name())) {
            ObjectNode hold = blockers.addObject();
            hold.put("code", BlockerCode.ACTIVE_LEGAL_HOLD.name());
            hold.put("detail", "legal hold placed after the last assessment");
        }
        execution.setVariable(Var.BLOCKERS, blockers.toString());
        assess(execution);
        caseStates.note(execution, "LEGAL_HOLD_PLACED", "flightId=" + execution.getVariable(Var.FLIGHT_ID));
    }

    /** ConsentWithdrawn: the case is no longer voluntary; any booked seat is released (S3). */
    public void consentWithdrawn(DelegateExecution execution) {
        execution.setVariable(Var.VOLUNTARY, false);
        execution.setVariable(Var.REASON, "CONSENT_WITHDRAWN");
        execution.setVariable(RELEASE_REASON, "CONSENT_WITHDRAWN");
        caseStates.note(execution, "CONSENT_WITHDRAWN", "consentId=" + execution.getVariable(Var.CONSENT_ID));
    }

    /** FlightCancelled: flight has already struck the seat, so nothing is released; the case rebooks. */
    public void flightCancelled(DelegateExecution execution) {
        caseStates.note(execution, "FLIGHT_CANCELLED", "flightId=" + execution.getVariable(Var.FLIGHT_ID));
        Seat.forget(execution);
    }

    /** Blocker codes of the latest assessment, in its order. */
    static List<String> codes(VariableScope scope) {
        List<String> codes = new ArrayList<>();
        for (JsonNode blocker : blockerArray(scope)) {
            codes.add(blocker.path("code").asText());
        }
        return codes;
    }

    /** Codes that still block: every code not overridden with four eyes. */
    static List<String> open(VariableScope scope) {
        Set<String> overridden = overridden(scope);
        return codes(scope).stream().filter(code -> !overridden.contains(code)).toList();
    }

    static Set<String> overridden(VariableScope scope) {
        String value = CaseVariables.string(scope, OVERRIDDEN);
        return value == null || value.isBlank() ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(value.split(",")));
    }

    static boolean overridable(String code) {
        try {
            return BlockerCode.valueOf(code).overridable();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static ArrayNode blockerArray(VariableScope scope) {
        String json = CaseVariables.string(scope, Var.BLOCKERS);
        if (json == null || json.isBlank()) {
            return ContractJson.mapper().createArrayNode();
        }
        try {
            JsonNode node = ContractJson.mapper().readTree(json);
            return node instanceof ArrayNode array ? array : ContractJson.mapper().createArrayNode();
        } catch (IOException e) {
            throw new UncheckedIOException("variable 'blockers' is not a JSON list of {code, detail}", e);
        }
    }
}
