package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.util.UUID;

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
    private final CaseSafeguards records;

    public CaseStates(CaseJournal journal, CaseSafeguards records) {
        this.journal = journal;
        this.records = records;
    }

    /** The case enters a state; entering the state it is already in reports nothing. */
    public void enter(DelegateExecution execution, String state) {
        CaseState next = CaseState.valueOf(state);
        if (next.name().equals(execution.getVariable(Var.STATE))) {
            return;
        }
        execution.setVariable(Var.STATE, next.name());
        journal.stateChanged(CaseVariables.caseOf(execution).toString(), next, actor(execution), detail(execution, next));
    }

    /** A fact for the case's history, with codes and ids only. */
    public void note(DelegateExecution execution, String kind, Object detail) {
        journal.record(CaseVariables.caseOf(execution).toString(), actor(execution), kind, detail == null ? "" : detail.toString());
    }

    /** The authenticated Camunda user who caused the current command, or {@code system}. */
    static String actor(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }

    private String detail(DelegateExecution execution, CaseState state) {
        UUID caseId = CaseVariables.caseOf(execution);
        return switch (state) {
            case OPEN -> "detaineeId=" + execution.getVariable(Var.DETAINEE_ID)
                    + "; destinationCountry=" + execution.getVariable(Var.DESTINATION_COUNTRY)
                    + (execution.getVariable(Var.OPERATION_ID) == null ? "" : "; operationId=" + execution.getVariable(Var.OPERATION_ID));
            case LEGAL_REVIEW -> "blockers=" + String.join(",", records.open(caseId));
            case BOOKED, NOTIFIED -> records.seat(caseId).map(seat -> "flightId=" + seat.flightId() + "; seat=" + seat.seat()
                    + "; departureAt=" + seat.departureAt()).orElse("no seat");
            case BOARDED, REMOVED -> records.seat(caseId).map(seat -> "flightId=" + seat.flightId()).orElse("no seat");
            case WITHDRAWN -> "reason=" + execution.getVariable(Var.REASON);
            case AWAITING_CONSENT -> "requiresConsent=" + records.requirements(caseId).requiresConsent();
            case AWAITING_SEAT -> "noticeHours=" + records.requirements(caseId).noticeHours();
            case ELIGIBILITY_CHECK -> "stage=" + execution.getVariable(Var.STAGE);
            case SUSPENDED -> "reason=" + execution.getVariable(Var.CONTROL_REASON);
        };
    }
}
