package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

/**
 * Keeps the case's {@code state} variable in step with the model and reports every change and
 * every noteworthy fact to the {@link CaseJournal}. The model calls it as the bean
 * {@code caseStates} from execution listeners at the entry of each state:
 * {@code ${caseStates.enter(execution, 'BOOKED')}}.
 */
@Component("caseStates")
public class CaseStates {

    /** The actor of changes no person caused: timers, replies from services. */
    public static final String SYSTEM = "system";

    private final CaseJournal journal;

    public CaseStates(CaseJournal journal) {
        this.journal = journal;
    }

    /** The case enters a state; entering the state it is already in reports nothing. */
    public void enter(DelegateExecution execution, String state) {
        CaseState next = CaseState.valueOf(state);
        if (next.name().equals(execution.getVariable(Var.STATE))) {
            return;
        }
        execution.setVariable(Var.STATE, next.name());
        journal.stateChanged(CaseVariables.caseId(execution), next, actor(execution), detail(execution, next));
    }

    /** A fact for the case's history, with codes and ids only. */
    public void note(DelegateExecution execution, String kind, Object detail) {
        journal.record(CaseVariables.caseId(execution), actor(execution), kind, detail == null ? "" : detail.toString());
    }

    /** The authenticated Camunda user who caused the current command, or {@code system}. */
    static String actor(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }

    private static String detail(VariableScope scope, CaseState state) {
        return switch (state) {
            case OPEN -> "detaineeId=" + scope.getVariable(Var.DETAINEE_ID)
                    + "; destinationCountry=" + scope.getVariable(Var.DESTINATION_COUNTRY)
                    + (scope.getVariable(Var.OPERATION_ID) == null ? "" : "; operationId=" + scope.getVariable(Var.OPERATION_ID));
            case LEGAL_REVIEW -> "blockers=" + scope.getVariable(BlockerRules.BLOCKER_CODES);
            case BOOKED, NOTIFIED -> "flightId=" + scope.getVariable(Var.FLIGHT_ID) + "; seat=" + scope.getVariable(Var.SEAT)
                    + "; departureAt=" + scope.getVariable(Var.DEPARTURE_AT);
            case BOARDED, REMOVED -> "flightId=" + scope.getVariable(Var.FLIGHT_ID);
            case WITHDRAWN -> "reason=" + scope.getVariable(Var.REASON);
            case AWAITING_CONSENT -> "requiresConsent=" + scope.getVariable(Var.REQUIRES_CONSENT);
            case AWAITING_SEAT -> "noticeHours=" + scope.getVariable(Var.NOTICE_HOURS);
            case ELIGIBILITY_CHECK -> "stage=INITIAL";
        };
    }
}
