package org.returnflow.workflow.messaging;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.returnflow.contracts.flight.MonitoringFindingReported;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.platform.messaging.MessageRejectedException;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.process.ProcessConstants;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * An independent monitor's SERIOUS finding about a case opens the supervisors' review: one instance
 * of {@code monitoring-finding-review} per finding (business key the caseId), and a line in the
 * case history naming the monitor. A finding comes after the fact, often when the case has ended,
 * so it starts a process of its own instead of waiting for the case's. Each finding is recorded once
 * ({@code monitoring_finding}, keyed by its id): the same finding again (a redelivery, or the event
 * published again with another id) opens nothing more. A finding about a
 * case the workflow does not know goes to the dead-letter topic, where an operator sees it.
 */
@Component
class MonitoringFindingHandler implements MessageHandler<MonitoringFindingReported> {

    private static final Logger log = LoggerFactory.getLogger(MonitoringFindingHandler.class);
    static final String SERIOUS = "SERIOUS";

    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final CaseRecords cases;

    MonitoringFindingHandler(RuntimeService runtime, JdbcTemplate jdbc, CaseRecords cases) {
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.cases = cases;
    }

    @Override
    public Class<MonitoringFindingReported> messageType() {
        return MonitoringFindingReported.class;
    }

    @Override
    public void handle(MonitoringFindingReported finding, MessageContext context) {
        if (!SERIOUS.equals(finding.severity())) {
            log.info("Finding {} of report {} is {}, not SERIOUS: no review", finding.findingId(), finding.reportId(),
                    finding.severity());
            return;
        }
        if (cases.find(finding.caseId()).isEmpty()) {
            // never dropped: on the dead-letter topic an operator sees it and can replay it
            throw new MessageRejectedException("UNKNOWN_CASE: finding " + finding.findingId() + " is about case "
                    + finding.caseId() + ", which the workflow does not know");
        }
        int recorded = jdbc.update("insert into monitoring_finding (finding_id, case_id, flight_id, report_id, monitor_id, "
                        + "finding_code, severity, reported_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (finding_id) do nothing",
                finding.findingId(), finding.caseId(), finding.flightId(), finding.reportId(), finding.monitorId(),
                finding.findingCode(), finding.severity(), Timestamp.from(finding.reportedAt()));
        if (recorded == 0) {
            log.info("Finding {} has its review already", finding.findingId());
            return;
        }
        cases.append(finding.caseId(), finding.monitorId(), "MONITORING_FINDING_REPORTED", finding.findingCode()
                + " (SERIOUS) on flight " + finding.flightId() + ", report " + finding.reportId()
                + ": a review for supervisors is open");
        runtime.startProcessInstanceByKey(ProcessConstants.FINDING_REVIEW_PROCESS_KEY, finding.caseId().toString(),
                Variables.createVariables()
                        .putValue(Var.CASE_ID, finding.caseId().toString())
                        .putValue(Var.FLIGHT_ID, finding.flightId().toString())
                        .putValue(Var.REPORT_ID, finding.reportId().toString())
                        .putValue(Var.FINDING_ID, finding.findingId().toString())
                        .putValue(Var.MONITOR_ID, finding.monitorId())
                        .putValue(Var.FINDING_CODE, finding.findingCode()));
    }
}
