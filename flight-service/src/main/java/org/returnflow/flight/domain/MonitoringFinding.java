package org.returnflow.flight.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.util.Objects;
import java.util.UUID;

/**
 * One finding of a monitoring report, about one case: a code, a severity and the monitor's short
 * description. Append-only, as its report. Only the code and severity are ever published.
 */
@Entity
@Immutable
@Table(name = "monitoring_finding")
public class MonitoringFinding {

    /** How grave a finding is; a SERIOUS one opens a review for supervisors in the workflow. */
    public enum Severity { INFO, CONCERN, SERIOUS }

    @Id
    private UUID id;

    @Column(name = "report_id", nullable = false)
    private UUID reportId;

    @Column(nullable = false)
    private int position;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(nullable = false)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;

    @Column
    private String description;

    protected MonitoringFinding() {
    }

    public MonitoringFinding(UUID reportId, int position, UUID caseId, String code, Severity severity,
                             String description) {
        this.id = UUID.randomUUID();
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.position = position;
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        this.code = Objects.requireNonNull(code, "code");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.description = description;
    }

    public UUID getId() { return id; }
    public UUID getReportId() { return reportId; }
    public int getPosition() { return position; }
    public UUID getCaseId() { return caseId; }
    public String getCode() { return code; }
    public Severity getSeverity() { return severity; }
    public String getDescription() { return description; }
}
