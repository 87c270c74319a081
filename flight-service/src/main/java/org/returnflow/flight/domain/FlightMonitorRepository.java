package org.returnflow.flight.domain;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Monitors' assignments to flights, current and ended. */
public interface FlightMonitorRepository extends JpaRepository<FlightMonitor, UUID> {

    @Query("select m from FlightMonitor m where m.flightId = :flightId and m.monitorId = :monitorId "
            + "and m.unassignedAt is null")
    Optional<FlightMonitor> findActive(@Param("flightId") UUID flightId, @Param("monitorId") String monitorId);

    @Query("select m from FlightMonitor m where m.flightId = :flightId and m.unassignedAt is null "
            + "order by m.assignedAt, m.monitorId")
    List<FlightMonitor> findActiveOnFlight(@Param("flightId") UUID flightId);

    Page<FlightMonitor> findByFlightId(UUID flightId, Pageable pageable);
}
