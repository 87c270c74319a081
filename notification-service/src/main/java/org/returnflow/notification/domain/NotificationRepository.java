package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;
import java.util.UUID;

public interface NotificationRepository extends JpaRepository<Notification, UUID> {

    Optional<Notification> findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightId(
            UUID caseId, RecipientType recipientType, TemplateKey templateKey, UUID flightId);

    Optional<Notification> findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightIdIsNull(
            UUID caseId, RecipientType recipientType, TemplateKey templateKey);

    Page<Notification> findByCaseId(UUID caseId, Pageable pageable);

    /**
     * The oldest pending notice, locked until the caller's transaction ends. Another sender (a
     * second replica) skips it instead of waiting, so one notice is never sent by two senders.
     */
    @Query(value = "select * from notification where status = 'PENDING' order by created_at, id "
            + "limit 1 for update skip locked", nativeQuery = true)
    Optional<Notification> lockNextPending();

    /** The idempotency key: (caseId, recipientType, templateKey, flightId), flightId possibly absent. */
    default Optional<Notification> findByKey(UUID caseId, RecipientType recipientType, TemplateKey templateKey,
                                             UUID flightId) {
        return flightId == null
                ? findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightIdIsNull(caseId, recipientType, templateKey)
                : findByCaseIdAndRecipientTypeAndTemplateKeyAndFlightId(caseId, recipientType, templateKey, flightId);
    }
}
