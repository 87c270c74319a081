package org.returnflow.flight.domain;

import org.returnflow.contracts.flight.MonitorAssigned;
import org.returnflow.contracts.flight.MonitorUnassigned;
import org.returnflow.contracts.flight.MonitoringFindingReported;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BusinessRuleException;
import org.returnflow.platform.web.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Independent monitors of charter flights: an agency assigns a monitor's client to a flight and
 * records it on board; the monitor reads that flight only, and files append-only reports whose
 * SERIOUS findings reach the workflow as {@code MonitoringFindingReported}. The assignment lives
 * here and is checked on every request: a monitor's token proves only which monitor calls.
 */
@Service
public class Monitors {

    private final FlightRepository flights;
    private final ManifestEntryRepository entries;
    private final FlightMonitorRepository monitors;
    private final MonitoringReportRepository reports;
    private final MonitoringFindingRepository findings;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public Monitors(FlightRepository flights, ManifestEntryRepository entries, FlightMonitorRepository monitors,
                    MonitoringReportRepository reports, MonitoringFindingRepository findings, EventOutbox outbox,
                    AuditLog audit, Clock clock) {
        this.flights = flights;
        this.entries = entries;
        this.monitors = monitors;
        this.reports = reports;
        this.findings = findings;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** An assignment step, and whether it changed anything (the same step again changes nothing). */
    public record Step(FlightMonitor monitor, boolean changed) {
    }

    /** One finding as a monitor files it. */
    public record Finding(UUID caseId, String code, MonitoringFinding.Severity severity, String description) {
    }

    /** A report with its findings in the order filed. */
    public record Report(MonitoringReport report, List<MonitoringFinding> findings) {
    }

    /**
     * Assigns the monitor's client to the flight, before departure, and publishes
     * {@code MonitorAssigned}. A monitor assigned already stays as it is.
     */
    @Transactional
    public Step assign(UUID flightId, String monitorId) {
        Flight flight = lock(flightId);
        if (!flight.getStatus().beforeDeparture()) {
            throw new IllegalFlightTransition(flight.getFlightNumber(), flight.getStatus(), "take a monitor");
        }
        var current = monitors.findActive(flightId, monitorId);
        if (current.isPresent()) {
            return new Step(current.get(), false);
        }
        Instant now = clock.instant();
        FlightMonitor monitor = monitors.saveAndFlush(new FlightMonitor(flightId, monitorId, now, principal()));
        outbox.publish(new MonitorAssigned(flightId, monitorId, now));
        audit.recordChange("MONITOR_ASSIGNED", "FLIGHT", flightId, "monitor " + monitorId);
        return new Step(monitor, true);
    }

    /**
     * Ends the monitor's assignment (at any time: after it, the monitor reads nothing more of the
     * flight) and publishes {@code MonitorUnassigned}.
     *
     * @param reason upper-case code, kept with the assignment
     */
    @Transactional
    public FlightMonitor unassign(UUID flightId, String monitorId, String reason) {
        lock(flightId);
        FlightMonitor monitor = active(flightId, monitorId);
        Instant now = clock.instant();
        monitor.unassign(reason, now);
        outbox.publish(new MonitorUnassigned(flightId, monitorId, now));
        audit.recordChange("MONITOR_UNASSIGNED", "FLIGHT", flightId, "monitor " + monitorId + ", " + reason);
        return monitor;
    }

    /** The monitor is on board, before departure; a flight with a monitor does not depart without it. */
    @Transactional
    public Step board(UUID flightId, String monitorId) {
        Flight flight = lock(flightId);
        if (!flight.getStatus().beforeDeparture()) {
            throw new IllegalFlightTransition(flight.getFlightNumber(), flight.getStatus(), "board a monitor");
        }
        FlightMonitor monitor = active(flightId, monitorId);
        if (!monitor.board(clock.instant())) {
            return new Step(monitor, false);
        }
        audit.recordChange("MONITOR_BOARDED", "FLIGHT", flightId, "monitor " + monitorId);
        return new Step(monitor, true);
    }

    @Transactional(readOnly = true)
    public Page<FlightMonitor> list(UUID flightId, Pageable pageable) {
        requireFlight(flightId);
        return monitors.findByFlightId(flightId, pageable);
    }

    /**
     * Refuses a monitor anything of a flight it is not assigned to, as if the flight did not exist
     * (404): a monitor learns nothing about other flights, not even that they exist.
     */
    @Transactional(readOnly = true)
    public void requireAssigned(UUID flightId, String monitorId) {
        if (monitors.findActive(flightId, monitorId).isEmpty()) {
            throw new NotFoundException("Flight", flightId);
        }
    }

    /**
     * Files a monitor's report on a flight it is assigned to: every finding names a case that held
     * a seat on the flight (422 naming {@code findings[i].caseId} otherwise, and nothing is kept).
     * Each SERIOUS finding publishes {@code MonitoringFindingReported}, keyed by its case.
     */
    @Transactional
    public Report file(UUID flightId, String monitorId, List<Finding> filed) {
        requireAssigned(flightId, monitorId);
        for (int i = 0; i < filed.size(); i++) {
            if (!entries.everOnFlight(flightId, filed.get(i).caseId())) {
                throw new BusinessRuleException("Case " + filed.get(i).caseId() + " never held a seat on this flight",
                        "findings[" + i + "].caseId");
            }
        }
        Instant now = clock.instant();
        MonitoringReport report = reports.saveAndFlush(new MonitoringReport(flightId, monitorId, now));
        List<MonitoringFinding> saved = new ArrayList<>();
        for (int i = 0; i < filed.size(); i++) {
            Finding f = filed.get(i);
            MonitoringFinding finding = findings.save(new MonitoringFinding(report.getId(), i, f.caseId(), f.code(),
                    f.severity(), f.description()));
            saved.add(finding);
            if (f.severity() == MonitoringFinding.Severity.SERIOUS) {
                outbox.publish(new MonitoringFindingReported(f.caseId(), flightId, report.getId(), finding.getId(),
                        monitorId, f.code(), f.severity().name(), now));
            }
        }
        findings.flush();
        long serious = saved.stream().filter(f -> f.getSeverity() == MonitoringFinding.Severity.SERIOUS).count();
        audit.recordChange("MONITORING_REPORT_FILED", "FLIGHT", flightId, "report " + report.getId() + " by "
                + monitorId + ": " + saved.size() + " findings, " + serious + " serious");
        return new Report(report, saved);
    }

    /** The flight's reports, oldest first; only the monitor's own when {@code monitorId} is set. */
    @Transactional(readOnly = true)
    public Page<Report> reports(UUID flightId, String monitorId, Pageable pageable) {
        requireFlight(flightId);
        Page<MonitoringReport> page = monitorId == null ? reports.findByFlightId(flightId, pageable)
                : reports.findByFlightIdAndMonitorId(flightId, monitorId, pageable);
        Map<UUID, List<MonitoringFinding>> byReport = page.isEmpty() ? Map.of()
                : reports.findFindings(page.map(MonitoringReport::getId).getContent()).stream()
                .collect(Collectors.groupingBy(MonitoringFinding::getReportId));
        return page.map(r -> new Report(r, byReport.getOrDefault(r.getId(), List.of())));
    }

    private FlightMonitor active(UUID flightId, String monitorId) {
        return monitors.findActive(flightId, monitorId).orElseThrow(() -> new NotFoundException(
                "Monitor assigned to flight " + flightId + " with client id", monitorId));
    }

    private Flight lock(UUID id) {
        return flights.findForUpdate(id).orElseThrow(() -> new NotFoundException("Flight", id));
    }

    private void requireFlight(UUID id) {
        if (!flights.existsById(id)) {
            throw new NotFoundException("Flight", id);
        }
    }

    private static String principal() {
        return Caller.find().map(Caller::principal).orElse("system");
    }
}
