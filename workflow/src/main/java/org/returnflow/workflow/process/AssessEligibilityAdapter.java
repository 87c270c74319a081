package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.CaseSafeguards.Seat;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code SendTask_AssessEligibility} and {@code SendTask_AssessFinalEligibility}: the input
 * parameter {@code stage} says which. INITIAL asks for the earliest possible departure
 * (now + noticeHours); FINAL asks for the departure date of the seat the case holds (UTC); REVERIFY,
 * a verification beside the main course, for the departure of the seat held, else the earliest.
 * A check supersedes the earlier one, so an answer to an earlier stage is stale; a verification has
 * a scope of its own and supersedes only an earlier verification.
 */
@Component
public class AssessEligibilityAdapter implements JavaDelegate {

    private final CaseCommands commands;
    private final CaseSafeguards records;

    public AssessEligibilityAdapter(CaseCommands commands, CaseSafeguards records) {
        this.commands = commands;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        EligibilityStage stage = EligibilityStage.valueOf(CaseVariables.required(execution, Var.STAGE));
        Optional<Seat> seat = records.seat(caseId);
        LocalDate onDate = switch (stage) {
            case FINAL -> LocalDate.ofInstant(seat.orElseThrow(() -> new IllegalStateException(
                    "Case " + caseId + " holds no seat to assess the departure of")).departureAt(), ZoneOffset.UTC);
            case REVERIFY -> seat.map(s -> LocalDate.ofInstant(s.departureAt(), ZoneOffset.UTC)).orElseGet(() -> earliest(caseId));
            case INITIAL -> earliest(caseId);
        };
        // A verification is a wait of its own beside the main course: it supersedes neither check.
        commands.send(new AssessEligibility(caseId, CaseVariables.requiredUuid(execution, Var.DETAINEE_ID),
                CaseVariables.required(execution, Var.DESTINATION_COUNTRY), onDate, stage),
                stage == EligibilityStage.REVERIFY ? stage.name() : "", stage.name(), null);
    }

    /** The earliest possible departure: now + noticeHours. */
    private LocalDate earliest(UUID caseId) {
        return LocalDate.ofInstant(CaseVariables.now().plus(Duration.ofHours(records.requirements(caseId).noticeHours())),
                ZoneOffset.UTC);
    }
}
