package org.returnflow.flight.domain;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Monitoring reports and their findings; only ever inserted and read. */
public interface MonitoringReportRepository extends JpaRepository<MonitoringReport, UUID> {

    Page<MonitoringReport> findByFlightId(UUID flightId, Pageable pageable);

    Page<MonitoringReport> findByFlightIdAndMonitorId(UUID flightId, String monitorId, Pageable pageable);

    @Query("select f from MonitoringFinding f where f.reportId in :reportIds order by f.reportId, f.position")
    List<MonitoringFinding> findFindings(@Param("reportIds") Collection<UUID> reportIds);
}
