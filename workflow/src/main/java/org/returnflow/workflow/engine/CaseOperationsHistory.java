package org.returnflow.workflow.engine;

import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.returnflow.workflow.domain.CaseRecords;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes every action a person takes on a case through the engine (a variable change, a
 * modification, a cancellation, a job retry, a task completion, ...) to the case's history, naming
 * the user. The engine logs these as user operations; this handler sees each entry as it is
 * written, in the same transaction, so the case history and the engine's operation log never
 * disagree. Values are ids and codes, as every process variable is.
 */
public class CaseOperationsHistory implements HistoryEventHandler {

    private final JdbcTemplate jdbc;
    private final CaseRecords cases;

    public CaseOperationsHistory(JdbcTemplate jdbc, CaseRecords cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (!(event instanceof UserOperationLogEntryEventEntity entry) || entry.getUserId() == null
                || entry.getProcessInstanceId() == null) {
            return;
        }
        caseOf(entry.getProcessInstanceId()).ifPresent(caseId -> cases.append(caseId, entry.getUserId(),
                "ENGINE_OPERATION", describe(entry)));
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    static String describe(UserOperationLogEntryEventEntity entry) {
        StringBuilder detail = new StringBuilder(entry.getOperationType()).append(" ").append(entry.getEntityType());
        if (entry.getProperty() != null) {
            detail.append(" ").append(entry.getProperty());
            if (!Objects.equals(entry.getOrgValue(), entry.getNewValue())) {
                detail.append(": ").append(entry.getOrgValue()).append(" -> ").append(entry.getNewValue());
            }
        }
        if (entry.getTaskId() != null) {
            detail.append("; task ").append(entry.getTaskId());
        }
        if (entry.getJobId() != null) {
            detail.append("; job ").append(entry.getJobId());
        }
        return detail.toString();
    }

    private Optional<UUID> caseOf(String processInstanceId) {
        return jdbc.queryForList("select c.case_id::text from act_hi_procinst p join removal_case c "
                        + "on c.case_id::text = p.business_key_ where p.id_ = ?", String.class, processInstanceId)
                .stream().findFirst().map(UUID::fromString);
    }
}
