package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * An independent monitor reported a SERIOUS finding about one case on a charter flight; the
 * workflow opens a review for supervisors. Codes and ids only: the monitor's words stay in flight.
 *
 * @param reportId    the monitoring report (append-only) that holds the finding
 * @param findingId   the finding itself, unique: a redelivered event carries the same one
 * @param monitorId   the monitor's OAuth2 client id
 * @param findingCode upper-case code, for example {@code RESTRAINT_DISPROPORTIONATE}
 * @param severity    {@code SERIOUS} (only serious findings are published)
 * @param reportedAt  when the report was filed
 */
public record MonitoringFindingReported(
        UUID caseId,
        UUID flightId,
        UUID reportId,
        UUID findingId,
        String monitorId,
        String findingCode,
        String severity,
        Instant reportedAt) implements CaseMessage, FlightMessage {

    public MonitoringFindingReported {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(findingId, "findingId");
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(findingCode, "findingCode");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
