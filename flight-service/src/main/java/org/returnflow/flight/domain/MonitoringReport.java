package org.returnflow.flight.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A monitor's report on a flight; append-only (the database refuses UPDATE, DELETE and TRUNCATE). */
@Entity
@Immutable
@Table(name = "monitoring_report")
public class MonitoringReport {

    @Id
    private UUID id;

    @Column(name = "flight_id", nullable = false)
    private UUID flightId;

    @Column(name = "monitor_id", nullable = false)
    private String monitorId;

    @Column(name = "filed_at", nullable = false)
    private Instant filedAt;

    protected MonitoringReport() {
    }

    public MonitoringReport(UUID flightId, String monitorId, Instant filedAt) {
        this.id = UUID.randomUUID();
        this.flightId = Objects.requireNonNull(flightId, "flightId");
        this.monitorId = Objects.requireNonNull(monitorId, "monitorId");
        this.filedAt = Objects.requireNonNull(filedAt, "filedAt");
    }

    public UUID getId() { return id; }
    public UUID getFlightId() { return flightId; }
    public String getMonitorId() { return monitorId; }
    public Instant getFiledAt() { return filedAt; }
}
