package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface NotificationRepository extends JpaRepository<Notification, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Notification> findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightId(
            UUID caseId, RecipientType recipientType, TemplateKey templateKey, UUID flightId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Notification> findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightIdIsNull(
            UUID caseId, RecipientType recipientType, TemplateKey templateKey);

    /** The notices of a case, of people held at one of {@code facilities} unless {@code anyFacility}. */
    @Query("select n from Notification n where n.caseId = :caseId "
            + "and (:anyFacility = true or n.facilityCode in :facilities)")
    Page<Notification> findOfCase(@Param("caseId") UUID caseId, @Param("anyFacility") boolean anyFacility,
                                  @Param("facilities") Collection<String> facilities, Pageable pageable);

    /**
     * The oldest pending notice, locked until the caller's (short) claim transaction ends. Another
     * sender (a second replica) skips it instead of waiting, so one notice is claimed by one sender.
     */
    @Query(value = "select * from notification where status = 'PENDING' order by created_at, id "
            + "limit 1 for update skip locked", nativeQuery = true)
    Optional<Notification> lockNextPending();

    /** The oldest notice left SENDING under a claim made before {@code cutoff}, locked like {@link #lockNextPending()}. */
    @Query(value = "select * from notification where status = 'SENDING' and claimed_at < :cutoff "
            + "order by claimed_at, id limit 1 for update skip locked", nativeQuery = true)
    Optional<Notification> lockNextAbandoned(@Param("cutoff") Instant cutoff);

    /** One notice, locked until the caller's (short) transaction ends: for recording a send's outcome. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select n from Notification n where n.id = :id")
    Optional<Notification> lockById(@Param("id") UUID id);

    /** How many notices are in each status: rows of {@code [status, count]}. */
    @Query(value = "select status, count(*) from notification group by status", nativeQuery = true)
    List<Object[]> countByStatus();

    /**
     * The notice with this idempotency key, (caseId, recipientType, templateKey, flightId) with flightId
     * possibly absent, locked until the caller's transaction ends. A repeated request writes the known
     * row back; unlocked, it could write back the status it read over a send's outcome recorded in
     * between (DELIVERED turned back to SENDING or PENDING, and the notice sent twice).
     */
    default Optional<Notification> lockByKey(UUID caseId, RecipientType recipientType, TemplateKey templateKey,
                                             UUID flightId) {
        return flightId == null
                ? findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightIdIsNull(caseId, recipientType, templateKey)
                : findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightId(caseId, recipientType, templateKey, flightId);
    }
}
