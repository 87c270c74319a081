package org.returnflow.workflow.domain;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.FailureKind;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

    private static final String FOREIGN_KEY_VIOLATION = "23503";

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
            } catch (ProcessEngineException failure) {
                // A reply was correlated, or a job ran, on the same instance at the same moment: try
                // again on the new state.
                if (!concurrentChange(failure)) {
                    throw failure;
                }
                if (attempt == 3) {
                    throw new ConflictException("Case " + caseId + " changed while it was being "
                            + pastTense(action) + "; try again", "caseId");
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

    /**
     * Whether the engine failed because another transaction changed the same instance first: its
     * optimistic lock, a serialization failure, or a foreign key that a concurrent commit broke (a job
     * that entered a scope added a child execution to the one this request ends: SQLSTATE 23503 on
     * {@code act_fk_exe_parent}, which the engine does not turn into an optimistic locking failure).
     */
    static boolean concurrentChange(Throwable failure) {
        if (FailureKind.of(failure) == FailureKind.TRANSIENT) {
            return true;
        }
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            // A batch names the statement's own error as its next exception.
            for (SQLException sql = t instanceof SQLException e ? e : null; sql != null; sql = sql.getNextException()) {
                if (FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String pastTense(Action action) {
        return switch (action) {
            case WITHDRAW -> "withdrawn";
            case SUSPEND -> "suspended";
            case RESUME -> "resumed";
        };
    }
}
