package org.returnflow.flight.api;

import org.returnflow.flight.domain.FlightMonitor;
import org.returnflow.flight.domain.MonitoringFinding;
import org.returnflow.flight.domain.Monitors;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the monitor endpoints answer. */
final class MonitorViews {

    private MonitorViews() {
    }

    /** A monitor's assignment to a flight; {@code changed} is false when the step had been done before. */
    record Assignment(UUID flightId, String monitorId, Instant assignedAt, String assignedBy, Instant boardedAt,
                      Instant unassignedAt, String unassignReason, Boolean changed) {

        static Assignment of(FlightMonitor m, Boolean changed) {
            return new Assignment(m.getFlightId(), m.getMonitorId(), m.getAssignedAt(), m.getAssignedBy(),
                    m.getBoardedAt(), m.getUnassignedAt(), m.getUnassignReason(), changed);
        }
    }

    record Finding(UUID findingId, UUID caseId, String code, MonitoringFinding.Severity severity,
                   String description) {
    }

    /** A report as filed, with its findings in order. */
    record Report(UUID reportId, UUID flightId, String monitorId, Instant filedAt, List<Finding> findings) {

        static Report of(Monitors.Report r) {
            return of(r, true);
        }

        /** The report; without the monitors' descriptions unless {@code descriptions} (not for other partners). */
        static Report of(Monitors.Report r, boolean descriptions) {
            return new Report(r.report().getId(), r.report().getFlightId(), r.report().getMonitorId(),
                    r.report().getFiledAt(), r.findings().stream().map(f -> new Finding(f.getId(), f.getCaseId(),
                            f.getCode(), f.getSeverity(), descriptions ? f.getDescription() : null)).toList());
        }
    }
}
