package org.returnflow.flight.domain;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Manifest entries, active and struck. */
public interface ManifestEntryRepository extends JpaRepository<ManifestEntry, UUID> {

    @Query("select e from ManifestEntry e where e.caseId = :caseId and e.struckAt is null")
    Optional<ManifestEntry> findActiveByCase(@Param("caseId") UUID caseId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from ManifestEntry e where e.caseId = :caseId and e.struckAt is null")
    Optional<ManifestEntry> findActiveByCaseForUpdate(@Param("caseId") UUID caseId);

    @Query("select e from ManifestEntry e where e.flightId = :flightId and e.caseId = :caseId and e.struckAt is null")
    Optional<ManifestEntry> findActive(@Param("flightId") UUID flightId, @Param("caseId") UUID caseId);

    /** The entries of the case on the flight that were struck, latest first. */
    @Query("select e from ManifestEntry e where e.flightId = :flightId and e.caseId = :caseId "
            + "and e.struckAt is not null order by e.struckAt desc")
    List<ManifestEntry> findStruck(@Param("flightId") UUID flightId, @Param("caseId") UUID caseId);

    @Query("select e from ManifestEntry e where e.flightId = :flightId and e.struckAt is null order by e.seatNumber")
    List<ManifestEntry> findActiveOnFlight(@Param("flightId") UUID flightId);

    @Query("select e from ManifestEntry e where e.flightId = :flightId and e.struckAt is not null "
            + "order by e.struckAt, e.seatNumber")
    List<ManifestEntry> findStruckOnFlight(@Param("flightId") UUID flightId);

    /** The lowest returnee seat of the flight that no active entry holds. */
    @Query(value = "select min(s) from generate_series(1, :seats) s where not exists ("
            + "select 1 from manifest_entry e where e.flight_id = :flightId and e.struck_at is null "
            + "and e.seat_number = s)", nativeQuery = true)
    Integer lowestFreeSeat(@Param("flightId") UUID flightId, @Param("seats") int seats);

    /** Whether the case ever held a seat on the flight, struck since or not. */
    @Query("select count(e) > 0 from ManifestEntry e where e.flightId = :flightId and e.caseId = :caseId")
    boolean everOnFlight(@Param("flightId") UUID flightId, @Param("caseId") UUID caseId);

    @Query(value = "select count(*) from manifest_entry where flight_id = :flightId and struck_at is null",
            nativeQuery = true)
    long countActive(@Param("flightId") UUID flightId);
}
