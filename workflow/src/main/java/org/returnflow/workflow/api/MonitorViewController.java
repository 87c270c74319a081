package org.returnflow.workflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.MonitorCaller;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.workflow.domain.report.CaseFile;
import org.returnflow.workflow.domain.report.CaseFiles;
import org.returnflow.workflow.domain.report.CaseHistoryFacts;
import org.returnflow.workflow.domain.report.OperationReport.Finding;
import org.returnflow.workflow.domain.report.SafeguardAudit;
import org.returnflow.workflow.messaging.MonitorAssignments;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an independent monitor reads of the cases on a charter it is assigned to: each case's state,
 * consent standing and open blocker codes, and the S1-S10 checks over the flight's cases, as the
 * workflow's records show them. Ids, codes and times only: the workflow holds no name. The
 * assignment is the workflow's copy of flight-service's ({@link MonitorAssignments}), checked on
 * every request; any other flight, or a flight the monitor is no longer assigned to, is a 404.
 */
@RestController
@Tag(name = "monitoring", description = "An independent monitor's view of the cases on its charter")
class MonitorViewController {

    /** The scope of a monitor on the workflow; the token's subject is the monitor's id. */
    static final String MONITOR_SCOPE = "cases:monitor";

    record MonitoredCase(UUID caseId, CaseState state, Boolean voluntary, String consent, List<String> openBlockers,
                         boolean holdsSeat, Instant createdAt, Instant endedAt) {
    }

    record FlightCases(UUID flightId, Instant generatedAt, List<MonitoredCase> cases, List<Finding> safeguards) {
    }

    private final MonitorAssignments assignments;
    private final CaseFiles caseFiles;
    private final AuditLog audit;

    MonitorViewController(MonitorAssignments assignments, CaseFiles caseFiles, AuditLog audit) {
        this.assignments = assignments;
        this.caseFiles = caseFiles;
        this.audit = audit;
    }

    @GetMapping("/api/monitoring/flights/{flightId}/cases")
    @Operation(summary = "The cases on a flight the calling monitor is assigned to, with their states and the "
            + "S1-S10 checks over them; 404 for any other flight")
    // one snapshot for the cases and their checks; not read-only, since the read is audited in it
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public FlightCases cases(@PathVariable UUID flightId) {
        String monitorId = MonitorCaller.find(MONITOR_SCOPE).map(MonitorCaller::monitorId)
                .orElseThrow(() -> new NotFoundException("Flight", flightId));
        if (!assignments.assigned(flightId, monitorId)) {
            throw new NotFoundException("Flight", flightId);
        }
        List<CaseFile> files = caseFiles.ofFlight(flightId);
        Map<UUID, CaseHistoryFacts> facts = CaseHistoryFacts.ofEach(files);
        Map<UUID, List<UUID>> open = caseFiles.openCasesOf(files);
        List<MonitoredCase> cases = files.stream().map(f -> new MonitoredCase(f.caseId(), f.state(), f.voluntary(),
                f.consent() == null ? null : f.consent().standing(),
                f.blockers().stream().filter(b -> b.clearedAt() == null).map(CaseFile.Blocker::code).distinct().sorted().toList(),
                f.seat() != null && flightId.equals(f.seat().flightId()), f.createdAt(), f.endedAt())).toList();
        audit.recordListRead("RemovalCase", cases.stream().map(MonitoredCase::caseId).toList());
        return new FlightCases(flightId, Instant.now(), cases, SafeguardAudit.check(files, facts, open));
    }
}
