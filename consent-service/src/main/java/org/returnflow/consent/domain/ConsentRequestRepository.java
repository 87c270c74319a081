package org.returnflow.consent.domain;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ConsentRequestRepository extends JpaRepository<ConsentRequest, UUID> {

    /** The request, locked until the end of the transaction, so that two decisions queue up. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ConsentRequest r where r.id = :id")
    Optional<ConsentRequest> findForUpdate(@Param("id") UUID id);

    /** The case's requests, locked: boarding and a withdrawal for one case never interleave. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ConsentRequest r where r.caseId = :caseId")
    List<ConsentRequest> findByCaseIdForUpdate(@Param("caseId") UUID caseId);

    /** The open request of a case: pending, or consent that stands (at most one, by a unique index). */
    @Query("select r from ConsentRequest r where r.caseId = :caseId and r.status in :statuses")
    Optional<ConsentRequest> findByCaseIdAndStatusIn(@Param("caseId") UUID caseId,
                                                     @Param("statuses") Collection<ConsentStatus> statuses);

    /**
     * The requests of a case, of a person, or both (a null argument does not filter), held at one of
     * {@code facilities} unless {@code anyFacility}.
     */
    @Query("select r from ConsentRequest r where (:caseId is null or r.caseId = :caseId) "
            + "and (:detaineeId is null or r.detaineeId = :detaineeId) "
            + "and (:anyFacility = true or r.facilityCode in :facilities)")
    Page<ConsentRequest> search(@Param("caseId") UUID caseId, @Param("detaineeId") UUID detaineeId,
                                @Param("anyFacility") boolean anyFacility,
                                @Param("facilities") Collection<String> facilities, Pageable pageable);

    /**
     * Pending requests past their dueBy, locked; rows another replica holds are skipped, so
     * several replicas can run the expiry job at once without expiring a request twice.
     */
    @Query(value = "select * from consent_request where status = 'PENDING' and due_by <= :now "
            + "order by due_by limit :limit for update skip locked", nativeQuery = true)
    List<ConsentRequest> lockDueForExpiry(@Param("now") Instant now, @Param("limit") int limit);
}
