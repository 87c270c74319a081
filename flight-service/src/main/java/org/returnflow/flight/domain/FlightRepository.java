package org.returnflow.flight.domain;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Flights, and the database operations that keep their seats within capacity. */
public interface FlightRepository extends JpaRepository<Flight, UUID> {

    /** The flight, with its row locked until the transaction ends: lifecycle steps queue behind bookings. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select f from Flight f where f.id = :id")
    Optional<Flight> findForUpdate(@Param("id") UUID id);

    Page<Flight> findByDestinationCountry(String destinationCountry, Pageable pageable);

    /**
     * Flights that may still have a seat for a case, earliest first: none whose stopovers refuse the
     * nationality in transit ('' for a case whose nationality is not known).
     */
    @Query(value = "select id from flight where destination_country = :country and status = 'SCHEDULED' "
            + "and departure_at >= :notBefore and seats_booked < least(seat_capacity - escort_seats, :cap) "
            + "and not (:nationality = any(string_to_array(transit_refused, ','))) "
            + "order by departure_at, id", nativeQuery = true)
    List<UUID> findBookable(@Param("country") String country, @Param("notBefore") Instant notBefore,
                            @Param("cap") int cap, @Param("nationality") String nationality);

    /**
     * Takes one seat on the flight if it is still SCHEDULED and below both its capacity for
     * returnees and the cap; returns 1 when a seat was taken, 0 when not. The row stays locked
     * until commit, so concurrent bookings of one flight are counted one after the other, and the
     * CHECK constraint {@code flight_never_overbooked} refuses anything past capacity regardless.
     * The nationality's transit refusal is checked on the same row: an authorisation recorded
     * meanwhile updates that row, so PostgreSQL re-checks this condition on its new version.
     */
    @Modifying
    @Query(value = "update flight set seats_booked = seats_booked + 1, version = version + 1 "
            + "where id = :id and status = 'SCHEDULED' "
            + "and seats_booked < least(seat_capacity - escort_seats, :cap) "
            + "and not (:nationality = any(string_to_array(transit_refused, ',')))", nativeQuery = true)
    int claimSeat(@Param("id") UUID id, @Param("cap") int cap, @Param("nationality") String nationality);
}
