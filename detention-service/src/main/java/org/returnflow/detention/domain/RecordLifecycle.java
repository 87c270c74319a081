package org.returnflow.detention.domain;

import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The later life of a custody record: corrections by merge patch, transfers, release from custody,
 * and permits, travel documents and clearances that no longer count. Each change names its author,
 * lands in the audit trail, and tells an open case through {@code DetaineeRecordChanged} in the
 * same transaction, with {@code mayBlock} when the change can create a blocker.
 */
@Service
public class RecordLifecycle {

    private final DetaineeRepository detainees;
    private final Facilities facilities;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public RecordLifecycle(DetaineeRepository detainees, Facilities facilities, EventOutbox outbox, AuditLog audit,
                           Clock clock) {
        this.detainees = detainees;
        this.facilities = facilities;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Applies the patchable state a merge patch produced, if the record is still at the version the
     * caller read (412 otherwise). Only what differs changes; a patch that changes nothing leaves
     * the version as it is.
     */
    @Transactional
    public Detainee amend(UUID id, long expectedVersion, Amendment amendment) {
        Detainee detainee = load(id);
        requireVersion(detainee, expectedVersion);
        Instant now = clock.instant();
        List<String> changes = new ArrayList<>();
        amendCounsel(detainee, amendment, now, changes);
        amendLanguage(detainee, amendment, now, changes);
        amendRemovalOrder(detainee, amendment, now, changes);
        amendExternalIds(detainee, amendment, now, changes);
        if (!changes.isEmpty()) {
            detainee.touch(now, actor());
            audit.recordChange("AMENDED", DetaineeRecords.SUBJECT, id, String.join(" ", changes));
        }
        return detainee;
    }

    private void amendCounsel(Detainee detainee, Amendment amendment, Instant now, List<String> changes) {
        if (Objects.equals(detainee.counselName(), amendment.counselName())
                && Objects.equals(detainee.counselEmail(), amendment.counselEmail())) {
            return;
        }
        boolean newAddress = !Objects.equals(detainee.counselEmail(), amendment.counselEmail());
        detainee.changeCounsel(amendment.counselName(), amendment.counselEmail());
        if (newAddress) {
            outbox.publish(new RegisterContact(detainee.id(), RecipientType.COUNSEL, amendment.counselEmail(), "en"));
        }
        outbox.publish(detainee.changed(DetaineeRecordChange.COUNSEL_CHANGED, false, null, null, now));
        changes.add(amendment.counselEmail() == null ? "counsel=removed" : "counsel=changed");
    }

    private void amendLanguage(Detainee detainee, Amendment amendment, Instant now, List<String> changes) {
        if (detainee.preferredLanguage().equals(amendment.preferredLanguage())) {
            return;
        }
        detainee.changePreferredLanguage(amendment.preferredLanguage());
        registerNoticeAddress(detainee);
        outbox.publish(detainee.changed(DetaineeRecordChange.LANGUAGE_CHANGED, false, null, null, now));
        changes.add("preferredLanguage=" + amendment.preferredLanguage());
    }

    /**
     * An order that becomes final removes a blocker (REMOVAL_ORDER_FINAL). Any other change is
     * REMOVAL_ORDER_CHANGED, and it may block when a final order stops being final, is removed, or
     * is dated later than before.
     */
    private void amendRemovalOrder(Detainee detainee, Amendment amendment, Instant now, List<String> changes) {
        LocalDate issuedBefore = detainee.removalOrderIssuedOn();
        boolean finalBefore = issuedBefore != null && Boolean.TRUE.equals(detainee.removalOrderFinal());
        LocalDate issuedAfter = amendment.removalOrderIssuedOn();
        boolean finalAfter = issuedAfter != null && Boolean.TRUE.equals(amendment.removalOrderFinal());
        if (Objects.equals(issuedBefore, issuedAfter)
                && Objects.equals(detainee.removalOrderFinal(), issuedAfter == null ? null : amendment.removalOrderFinal())) {
            return;
        }
        detainee.changeRemovalOrder(issuedAfter, amendment.removalOrderFinal());
        if (finalAfter && !finalBefore) {
            outbox.publish(detainee.changed(DetaineeRecordChange.REMOVAL_ORDER_FINAL, false, null, null, now));
        } else {
            boolean mayBlock = finalBefore && (!finalAfter || issuedAfter.isAfter(issuedBefore));
            outbox.publish(detainee.changed(DetaineeRecordChange.REMOVAL_ORDER_CHANGED, mayBlock, null, null, now));
        }
        changes.add("removalOrder=" + (issuedAfter == null ? "removed" : issuedAfter + (finalAfter ? ",final" : ",not-final")));
    }

    /** The same identifier never names two people: 409 naming the holder (the database backs this). */
    private void amendExternalIds(Detainee detainee, Amendment amendment, Instant now, List<String> changes) {
        for (ExternalId externalId : amendment.externalIds()) {
            detainees.holderOf(externalId.scheme(), externalId.key()).filter(holder -> !holder.equals(detainee.id()))
                    .ifPresent(holder -> {
                        throw new DuplicateDetaineeException("Another person holds this " + externalId.scheme(),
                                "externalIds." + externalId.scheme(), List.of(holder));
                    });
        }
        List<String> before = detainee.externalIds().stream().map(ExternalIdentifier::scheme).toList();
        if (detainee.replaceExternalIds(amendment.externalIds(), now, actor())) {
            changes.add("externalIds=" + before + "->" + amendment.externalIds().stream().map(ExternalId::scheme).toList());
        }
    }

    /**
     * Moves a person in custody to another facility this service serves. A transfer may block (the
     * case is re-checked at once), and the notice address follows the person to the new facility.
     */
    @Transactional
    public Detainee transfer(UUID id, String toFacility, TransferReason reason, String note, Long expectedVersion) {
        Detainee detainee = load(id);
        requireVersion(detainee, expectedVersion);
        Facility target = facilities.find(toFacility).orElseThrow(() -> new BadRequestException(
                "'" + toFacility + "' is not a facility this service serves: one of " + facilities.codes(), "toFacility"));
        requireInCustody(detainee, "transferred");
        if (target.code().equals(detainee.facilityCode())) {
            throw new ConflictException("The person is held at " + target.code() + " already", "toFacility");
        }
        Instant now = clock.instant();
        String from = detainee.facilityCode();
        CustodyMovement movement = detainee.transferTo(target.code(), reason, note, now, actor());
        detainee.touch(now, actor());
        audit.recordChange("TRANSFERRED", DetaineeRecords.SUBJECT, id, "movementId=" + movement.id() + " from=" + from
                + " to=" + target.code() + " reason=" + reason);
        registerNoticeAddress(detainee);
        outbox.publish(detainee.changed(DetaineeRecordChange.TRANSFERRED, true, movement.id(), reason.name(), now));
        detainee.loadRecords();
        return detainee;
    }

    /**
     * Releases a person from custody (custody RELEASED). An open case then meets NOT_IN_CUSTODY:
     * the event says CUSTODY_RELEASED with mayBlock. A minor whose guardian this person is hears
     * GUARDIAN_LEFT_CUSTODY, which may block too (UNACCOMPANIED_MINOR).
     */
    @Transactional
    public Detainee release(UUID id, ReleaseReason reason, String note, Long expectedVersion) {
        Detainee detainee = load(id);
        requireVersion(detainee, expectedVersion);
        requireInCustody(detainee, "released");
        Instant now = clock.instant();
        CustodyMovement movement = detainee.release(reason, note, now, actor());
        detainee.touch(now, actor());
        audit.recordChange("RELEASED", DetaineeRecords.SUBJECT, id, "movementId=" + movement.id() + " from="
                + movement.fromFacility() + " reason=" + reason + " openCaseId=" + detainee.openCaseId());
        outbox.publish(detainee.changed(DetaineeRecordChange.CUSTODY_RELEASED, true, movement.id(), reason.name(), now));
        for (Detainee ward : detainees.wardsOf(id)) {
            if (ward.custodyStatus() == CustodyStatus.IN_CUSTODY) {
                outbox.publish(ward.changed(DetaineeRecordChange.GUARDIAN_LEFT_CUSTODY, true, id, reason.name(), now));
            }
        }
        detainee.loadRecords();
        return detainee;
    }

    /** A residence permit no longer counts; that removes a blocker rather than creating one. */
    @Transactional
    public ResidencePermit invalidateResidencePermit(UUID id, UUID permitId, InvalidationReason reason, String note) {
        return invalidate(id, permitId, Detainee::residencePermits, "Residence permit", "RESIDENCE_PERMIT",
                DetaineeRecordChange.PERMIT_INVALIDATED, false, reason, note);
    }

    /** A travel document no longer counts; that may leave the person without one (NO_TRAVEL_DOCUMENT). */
    @Transactional
    public TravelDocument invalidateTravelDocument(UUID id, UUID documentId, InvalidationReason reason, String note) {
        return invalidate(id, documentId, Detainee::travelDocuments, "Travel document", "TRAVEL_DOCUMENT",
                DetaineeRecordChange.TRAVEL_DOCUMENT_INVALIDATED, true, reason, note);
    }

    /** A fit-to-fly clearance no longer counts; that may leave the person without one (NOT_FIT_TO_FLY). */
    @Transactional
    public MedicalClearance invalidateMedicalClearance(UUID id, UUID clearanceId, InvalidationReason reason,
                                                       String note) {
        return invalidate(id, clearanceId, Detainee::medicalClearances, "Medical clearance", "MEDICAL_CLEARANCE",
                DetaineeRecordChange.CLEARANCE_INVALIDATED, true, reason, note);
    }

    private <T extends InvalidatableRecord> T invalidate(UUID id, UUID recordId, Function<Detainee, List<T>> records,
                                                        String resource, String action, DetaineeRecordChange change,
                                                        boolean mayBlock, InvalidationReason reason, String note) {
        Detainee detainee = load(id);
        T record = records.apply(detainee).stream().filter(r -> r.id().equals(recordId)).findFirst()
                .orElseThrow(() -> new NotFoundException(resource, recordId));
        record.invalidation().ifPresent(done -> {
            throw new ConflictException(resource + " " + recordId + " was invalidated already on " + done.at());
        });
        Instant now = clock.instant();
        record.invalidate(new Invalidation(reason, note, now, actor()));
        detainee.touch(now, actor());
        audit.recordChange(action + "_INVALIDATED", DetaineeRecords.SUBJECT, id, "recordId=" + recordId
                + " reason=" + reason);
        outbox.publish(detainee.changed(change, mayBlock, recordId, reason.name(), now));
        return record;
    }

    /** The person's written notices go to the desk of the facility that holds them, in their language. */
    private void registerNoticeAddress(Detainee detainee) {
        facilities.find(detainee.facilityCode()).ifPresent(facility -> outbox.publish(new RegisterContact(
                detainee.id(), RecipientType.DETAINEE, facility.noticeEmail(), detainee.preferredLanguage())));
    }

    private static void requireInCustody(Detainee detainee, String what) {
        if (detainee.custodyStatus() != CustodyStatus.IN_CUSTODY) {
            throw new ConflictException("Only a person in custody can be " + what + "; custody is "
                    + detainee.custodyStatus());
        }
    }

    private static void requireVersion(Detainee detainee, Long expected) {
        if (expected != null && !expected.equals(detainee.version())) {
            throw new StaleVersionException(expected, detainee.version());
        }
    }

    private Detainee load(UUID id) {
        Detainee detainee = detainees.findById(id).orElseThrow(() -> new NotFoundException("Detainee", id));
        detainee.loadRecords();
        return detainee;
    }

    private static String actor() {
        return Caller.find().map(Caller::principal).orElse("system");
    }
}
