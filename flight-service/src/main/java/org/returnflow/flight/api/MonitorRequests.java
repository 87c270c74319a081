package org.returnflow.flight.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.returnflow.flight.domain.MonitoringFinding;
import org.returnflow.flight.domain.Monitors;

import java.util.List;
import java.util.UUID;

/** The bodies of the monitor endpoints. */
final class MonitorRequests {

    /** A monitor's OAuth2 client id, as the authorisation server registers it. */
    static final String MONITOR_ID = "^[a-z0-9][a-z0-9-]{1,62}$";

    private MonitorRequests() {
    }

    /** {@code POST /api/flights/{id}/monitors}: the monitor's client id. */
    record Assign(@NotNull @Pattern(regexp = MONITOR_ID, message = "must be a client id such as return-monitor")
                  String monitorId) {
    }

    /** {@code POST /api/flights/{id}/monitors/{monitorId}/unassign}: why, as an upper-case code. */
    record Unassign(@ReasonCode String reason) {
    }

    /**
     * {@code POST /api/flights/{id}/monitoring-reports}.
     *
     * @param findings 1 to 200 findings, each about one case on the flight
     */
    record Report(@NotNull @Size(min = 1, max = 200) List<@NotNull @Valid Finding> findings) {

        List<Monitors.Finding> toFindings() {
            return findings.stream().map(f -> new Monitors.Finding(f.caseId(), f.code(), f.severity(),
                    f.description())).toList();
        }
    }

    /**
     * One finding.
     *
     * @param code        what the monitor found, as an upper-case code (published for SERIOUS findings)
     * @param severity    INFO, CONCERN or SERIOUS; SERIOUS opens a review for supervisors
     * @param description a short description in codes and plain words, kept here and never published;
     *                    no names: the case is named by its id
     */
    record Finding(
            @NotNull UUID caseId,
            @ReasonCode String code,
            @NotNull MonitoringFinding.Severity severity,
            @Size(max = 280) @Pattern(regexp = "^[A-Za-z0-9 ,.;:()/_-]*$",
                    message = "must be short plain text: letters, digits, spaces and , . ; : ( ) / _ -")
            String description) {
    }
}
