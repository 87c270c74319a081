package org.returnflow.workflow.domain;

import org.returnflow.platform.messaging.PollingWorker;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.returnflow.workflow.process.ProcessConstants;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Starts the process instance of a case: at once for a single case, and in the background for the
 * cases of an operation, so that an operation of hundreds of people is accepted in one short
 * request. Each background start is its own transaction; a start that fails is retried later with
 * a growing pause and a history line, and never blocks the others.
 *
 * <p>Variables are ids and codes only: caseId, detaineeId, destinationCountry, operationId.
 */
@Component
public class CaseStarter extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(CaseStarter.class);

    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CaseRecords cases;
    private final int batchSize;

    public CaseStarter(RuntimeService runtime, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                       CaseRecords cases,
                       @Value("${returnflow.workflow.starter.batch-size:20}") int batchSize,
                       @Value("${returnflow.workflow.starter.poll-interval:2s}") Duration pollInterval) {
        super("case-starter", pollInterval);
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.cases = cases;
        this.batchSize = batchSize;
    }

    /** Starts the case's process instance in the caller's transaction. */
    public void start(UUID caseId, UUID detaineeId, String destinationCountry, UUID operationId) {
        VariableMap variables = Variables.createVariables()
                .putValue(Var.CASE_ID, caseId.toString())
                .putValue(Var.DETAINEE_ID, detaineeId.toString())
                .putValue(Var.DESTINATION_COUNTRY, destinationCountry)
                .putValue(Var.OPERATION_ID, operationId == null ? null : operationId.toString());
        runtime.startProcessInstanceByKey(ProcessConstants.PROCESS_KEY, caseId.toString(), variables);
    }

    /** Starts one batch of recorded cases that have no instance yet. */
    @Override
    protected boolean runOnce(int lane, int lanes) {
        List<UUID> due = jdbc.query("select case_id from removal_case where started_at is null and ended_at is null "
                        + "and (start_after is null or start_after <= now()) order by created_at, case_id limit ?",
                (rs, n) -> rs.getObject(1, UUID.class), batchSize);
        for (UUID caseId : due) {
            startRecorded(caseId);
        }
        return due.size() == batchSize;
    }

    private void startRecorded(UUID caseId) {
        try {
            tx.executeWithoutResult(status -> {
                // The guard makes a start happen once, also with several replicas racing for the row.
                List<Pending> claimed = jdbc.query("update removal_case set started_at = now() "
                                + "where case_id = ? and started_at is null and ended_at is null "
                                + "returning detainee_id, destination_country, operation_id",
                        (rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)),
                        caseId);
                if (!claimed.isEmpty()) {
                    Pending p = claimed.get(0);
                    start(caseId, p.detaineeId(), p.destinationCountry(), p.operationId());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not start the instance of case {}; will retry: {}", caseId, e.toString());
            tx.executeWithoutResult(status -> {
                jdbc.update("update removal_case set start_attempts = start_attempts + 1, "
                        + "start_after = now() + least(start_attempts + 1, 60) * interval '10 seconds' "
                        + "where case_id = ?", caseId);
                cases.append(caseId, "system", "START_FAILED", e.getClass().getSimpleName());
            });
        }
    }

    private record Pending(UUID detaineeId, String destinationCountry, UUID operationId) {
    }
}
