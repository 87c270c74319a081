package org.returnflow.workflow.domain;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An agency's control of its cases outside Tasklist: withdraw a case (its seat is released and the
 * person leaves the operation), suspend it (its seat is released and it is booked nowhere) and
 * resume it (assessed again from the start), or cancel a whole operation. Each is a message to the
 * case's process, so the process releases the seat and notifies as it does for any withdrawal; the
 * request, with who made it and why, is in the case history and the audit trail.
 */
@Service
public class CaseControl {

    /** What an agency may ask of a case. */
    public enum Action {
        WITHDRAW(Msg.WITHDRAWAL_REQUESTED, "WITHDRAWAL_REQUESTED"),
        SUSPEND(Msg.SUSPENSION_REQUESTED, "SUSPENSION_REQUESTED"),
        RESUME(Msg.RESUME_REQUESTED, "RESUME_REQUESTED");

        final String message;
        final String kind;

        Action(String message, String kind) {
            this.message = message;
            this.kind = kind;
        }
    }

    /** The states from which each action is possible. */
    private static final Set<CaseState> ACTIVE_BEFORE_BOARDING = EnumSet.of(CaseState.ELIGIBILITY_CHECK,
            CaseState.LEGAL_REVIEW, CaseState.AWAITING_CONSENT, CaseState.AWAITING_SEAT, CaseState.BOOKED,
            CaseState.NOTIFIED);

    /** One case's outcome when an operation is cancelled. */
    public record Outcome(UUID caseId, String status, String problem) {
    }

    private final CaseRecords cases;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    public CaseControl(CaseRecords cases, RuntimeService runtime, PlatformTransactionManager transactionManager,
                       JdbcTemplate jdbc, AuditLog audit) {
        this.cases = cases;
        this.runtime = runtime;
        this.tx = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Asks the case's process to withdraw, suspend or resume it.
     *
     * @param reason an upper-case code, recorded and carried to the process
     * @throws NotFoundException when there is no such case
     * @throws ConflictException when the case's state does not allow it (naming the state)
     */
    public void apply(UUID caseId, Action action, String reason, String actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> applyOnce(caseId, action, reason, actor));
                return;
            } catch (OptimisticLockingException concurrent) {
                // A reply was correlated to the same instance at the same moment: try again on the new state.
                if (attempt == 3) {
                    throw new ConflictException("Case " + caseId + " changed while it was being "
                            + action.name().toLowerCase() + "n; try again", "caseId");
                }
            }
        }
    }

    private void applyOnce(UUID caseId, Action action, String reason, String actor) {
        RemovalCase c = cases.find(caseId).orElseThrow(() -> new NotFoundException("Removal case", caseId));
        boolean allowed = switch (action) {
            case WITHDRAW -> ACTIVE_BEFORE_BOARDING.contains(c.state()) || c.state() == CaseState.SUSPENDED;
            case SUSPEND -> ACTIVE_BEFORE_BOARDING.contains(c.state());
            case RESUME -> c.state() == CaseState.SUSPENDED;
        };
        if (!allowed) {
            throw new ConflictException("Case " + caseId + " is " + c.state() + ": it cannot be "
                    + pastTense(action), "caseId");
        }
        try {
            runtime.createMessageCorrelation(action.message).processInstanceBusinessKey(caseId.toString())
                    .setVariable(Var.CONTROL_REASON, reason).correlateWithResult();
        } catch (MismatchingMessageCorrelationException notNow) {
            throw new ConflictException("Case " + caseId + " is " + c.state() + " and cannot be " + pastTense(action)
                    + " at this step; try again shortly", "caseId");
        }
        cases.append(caseId, actor, action.kind, "reason=" + reason);
        audit.recordChange(action.kind, "RemovalCase", caseId, "reason=" + reason);
    }

    /**
     * Cancels an operation: every case of it that is still before boarding is withdrawn with the
     * reason, each on its own; a case that cannot be withdrawn is reported, never stops the rest.
     */
    public List<Outcome> cancelOperation(UUID operationId, String reason, String actor) {
        Integer found = jdbc.queryForObject("select count(*) from removal_operation where id = ?", Integer.class, operationId);
        if (found == null || found == 0) {
            throw new NotFoundException("Removal operation", operationId);
        }
        audit.recordChange("OPERATION_CANCELLED", "RemovalOperation", operationId, "reason=" + reason);
        List<Outcome> outcomes = new ArrayList<>();
        for (UUID caseId : jdbc.queryForList("select case_id from removal_case where operation_id = ? and ended_at is null "
                + "order by created_at", UUID.class, operationId)) {
            try {
                apply(caseId, Action.WITHDRAW, reason, actor);
                outcomes.add(new Outcome(caseId, "WITHDRAWN", null));
            } catch (ConflictException | NotFoundException refused) {
                outcomes.add(new Outcome(caseId, "REFUSED", refused.getMessage()));
            }
        }
        return outcomes;
    }

    private static String pastTense(Action action) {
        return switch (action) {
            case WITHDRAW -> "withdrawn";
            case SUSPEND -> "suspended";
            case RESUME -> "resumed";
        };
    }
}
