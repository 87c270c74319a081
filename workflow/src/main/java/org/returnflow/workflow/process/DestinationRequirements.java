package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Spreads the single result of the DMN {@code destination-requirements} into the case's
 * variables {@code requiresConsent}, {@code noticeHours}, {@code requiresTravelDocument} and
 * {@code maxPerFlight} (null when only the flight's seats limit it).
 */
@Component("destinationRequirements")
public class DestinationRequirements {

    static final String RESULT = "requirementsResult";

    public void apply(DelegateExecution execution) {
        Object raw = execution.getVariable(RESULT);
        if (!(raw instanceof Map<?, ?> result)) {
            throw new IllegalStateException("destination-requirements gave no single result for "
                    + execution.getVariable(Var.DESTINATION_COUNTRY));
        }
        execution.setVariable(Var.REQUIRES_CONSENT, Boolean.TRUE.equals(result.get(Var.REQUIRES_CONSENT)));
        execution.setVariable(Var.NOTICE_HOURS, ((Number) result.get(Var.NOTICE_HOURS)).intValue());
        execution.setVariable(Var.REQUIRES_TRAVEL_DOCUMENT, Boolean.TRUE.equals(result.get(Var.REQUIRES_TRAVEL_DOCUMENT)));
        Object max = result.get(Var.MAX_PER_FLIGHT);
        execution.setVariable(Var.MAX_PER_FLIGHT, max instanceof Number n ? n.intValue() : null);
        execution.removeVariable(RESULT);
    }
}
