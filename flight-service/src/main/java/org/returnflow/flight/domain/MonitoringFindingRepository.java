package org.returnflow.flight.domain;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/** Findings of monitoring reports; only ever inserted (and read through their reports). */
public interface MonitoringFindingRepository extends JpaRepository<MonitoringFinding, UUID> {
}
