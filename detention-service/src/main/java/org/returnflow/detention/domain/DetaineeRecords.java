package org.returnflow.detention.domain;

import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.detention.DetaineeReleasedFromOperation;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.messaging.PoisonMessageException;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.BusinessRuleException;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The custody record and every change to it. Each change names its author (the authenticated
 * principal, or the message that caused it), lands in the audit trail and, where others must
 * react, publishes its event through the outbox in the same transaction.
 */
@Service
public class DetaineeRecords {

    /** The audit subject type of a custody record. */
    public static final String SUBJECT = "DETAINEE";
    private static final Logger log = LoggerFactory.getLogger(DetaineeRecords.class);

    private final DetaineeRepository detainees;
    private final EligibilityRules rules;
    private final Facilities facilities;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public DetaineeRecords(DetaineeRepository detainees, EligibilityRules rules, Facilities facilities,
                           EventOutbox outbox, AuditLog audit, Clock clock) {
        this.detainees = detainees;
        this.rules = rules;
        this.facilities = facilities;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- HTTP side -------------------------------------------------------------------------

    /**
     * Registers a person in custody, and hands their notice address (the facility's desk) and
     * counsel's address to the notification-service, never on a public topic.
     */
    @Transactional
    public Detainee register(Registration registration) {
        Facility facility = facilities.find(registration.facilityCode()).orElseThrow(() -> new BadRequestException(
                "'" + registration.facilityCode() + "' is not a facility this service serves: one of "
                        + facilities.codes(), "facilityCode"));
        if (registration.detainedSince().isBefore(registration.dateOfBirth())) {
            throw new BadRequestException("must not be before dateOfBirth", "detainedSince");
        }
        requireNotOnRecord(registration);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String caseNumber = String.format("RF-%d-%06d", LocalDate.now(clock).getYear(), detainees.nextCaseNumber());
        Detainee detainee = detainees.save(new Detainee(id, caseNumber, registration, now, actor()));
        audit.recordChange("REGISTERED", SUBJECT, id, "caseNumber=" + caseNumber + " facility=" + facility.code()
                + " nationality=" + registration.nationality() + " finalOrder=" + detainee.hasFinalRemovalOrderOn(
                LocalDate.now(clock)) + " externalIds=" + registration.externalIds().stream().map(ExternalId::scheme)
                .toList() + (registration.confirmDistinctFrom().isEmpty() ? ""
                : " confirmedDistinctFrom=" + registration.confirmDistinctFrom()));
        outbox.publish(new RegisterContact(id, RecipientType.DETAINEE, facility.noticeEmail(),
                registration.preferredLanguage()));
        if (registration.counselEmail() != null) {
            outbox.publish(new RegisterContact(id, RecipientType.COUNSEL, registration.counselEmail(), "en"));
        }
        log.info("Registered detainee {} ({}) at {}", id, caseNumber, facility.code());
        return detainee;
    }

    /**
     * Refuses a second record of one person (S7: one open case per person). The same external
     * identifier is the same person, always (the database's unique constraint backs this). The same
     * phonetic name, date of birth and nationality is the same person unless the agency confirms
     * otherwise with {@code confirmDistinctFrom}. Registrations of one name key, date of birth and
     * nationality queue behind a transaction lock, so two at once cannot both pass the check.
     */
    private void requireNotOnRecord(Registration registration) {
        for (ExternalId externalId : registration.externalIds()) {
            detainees.holderOf(externalId.scheme(), externalId.key()).ifPresent(existing -> {
                throw new DuplicateDetaineeException("A person with this " + externalId.scheme()
                        + " is on record already", "externalIds." + externalId.scheme(), List.of(existing));
            });
        }
        String nameKey = NameKey.person(registration.givenName(), registration.familyName());
        detainees.lockRegistrations(nameKey + "|" + registration.dateOfBirth() + "|" + registration.nationality());
        List<UUID> similar = detainees.similar(nameKey, registration.dateOfBirth(), registration.nationality())
                .stream().filter(existing -> !registration.confirmDistinctFrom().contains(existing)).toList();
        if (!similar.isEmpty()) {
            throw new DuplicateDetaineeException("A person with a name that sounds the same, the same date of birth and "
                    + "the same nationality is on record already. If this is someone else, register again with "
                    + "confirmDistinctFrom naming that record", "confirmDistinctFrom", similar);
        }
    }

    /** The whole record, with everything attached, readable after the transaction. */
    @Transactional(readOnly = true)
    public Optional<Detainee> find(UUID id) {
        Optional<Detainee> detainee = detainees.findById(id);
        detainee.ifPresent(Detainee::loadRecords);
        return detainee;
    }

    @Transactional(readOnly = true)
    public Page<Detainee> list(DetaineeFilter filter, Pageable pageable) {
        return detainees.findAll(filter.specification(), pageable);
    }

    @Transactional
    public ResidencePermit addResidencePermit(UUID id, String type, String number, LocalDate validFrom,
                                              LocalDate validUntil) {
        requireOrder(validFrom, validUntil, "validUntil", "validFrom");
        Detainee detainee = load(id);
        ResidencePermit permit = new ResidencePermit(UUID.randomUUID(), detainee, type, number, validFrom, validUntil,
                clock.instant(), actor());
        detainee.addResidencePermit(permit);
        changed(detainee, "RESIDENCE_PERMIT_ADDED", "permitId=" + permit.id() + " validFrom=" + validFrom
                + " validUntil=" + validUntil);
        outbox.publish(detainee.changed(DetaineeRecordChange.PERMIT_ADDED, true, permit.id(), null, clock.instant()));
        return permit;
    }

    /**
     * Places a hold of any kind but PROTECTION_CLAIM, which only a fear claim places
     * ({@link ClaimRecords#recordFearClaim}).
     */
    @Transactional
    public LegalHold placeHold(UUID id, LegalHoldKind kind, String reference) {
        if (kind == LegalHoldKind.PROTECTION_CLAIM) {
            throw new BadRequestException("a PROTECTION_CLAIM hold is placed by recording the fear claim: POST "
                    + "/api/detainees/{id}/fear-claims", "kind");
        }
        Detainee detainee = load(id);
        if (detainee.activeHolds().stream().anyMatch(h -> h.kind() == kind && h.reference().equals(reference))) {
            throw new ConflictException("An active " + kind + " hold with this reference is already on record",
                    "reference");
        }
        return placeOn(detainee, kind, reference);
    }

    /** Places a hold on a loaded record: audited, and LegalHoldPlaced for the open case. */
    public LegalHold placeOn(Detainee detainee, LegalHoldKind kind, String reference) {
        Instant now = clock.instant();
        LegalHold hold = new LegalHold(UUID.randomUUID(), detainee, kind, reference, now, actor());
        detainee.addLegalHold(hold);
        changed(detainee, "HOLD_PLACED", "holdId=" + hold.id() + " kind=" + kind);
        outbox.publish(new LegalHoldPlaced(detainee.openCaseId(), detainee.id(), hold.id(), now));
        return hold;
    }

    /** Lifts a hold of any kind but PROTECTION_CLAIM, which only the rejection of its fear claim lifts. */
    @Transactional
    public LegalHold liftHold(UUID id, UUID holdId, String reason) {
        Detainee detainee = load(id);
        LegalHold hold = detainee.hold(holdId).orElseThrow(() -> new NotFoundException("Legal hold", holdId));
        if (!hold.active()) {
            throw new ConflictException("Legal hold " + holdId + " was lifted already on " + hold.liftedAt());
        }
        if (hold.kind() == LegalHoldKind.PROTECTION_CLAIM) {
            throw new ConflictException("A PROTECTION_CLAIM hold is lifted only when its fear claim is rejected: POST "
                    + "/api/detainees/{id}/fear-claims/{claimId}/decision");
        }
        return liftOn(detainee, hold, reason);
    }

    /** Lifts an active hold on a loaded record: audited, and LegalHoldLifted for the open case. */
    public LegalHold liftOn(Detainee detainee, LegalHold hold, String reason) {
        Instant now = clock.instant();
        hold.lift(reason, now, actor());
        changed(detainee, "HOLD_LIFTED", "holdId=" + hold.id() + " kind=" + hold.kind());
        outbox.publish(new LegalHoldLifted(detainee.openCaseId(), detainee.id(), hold.id(), now));
        return hold;
    }

    @Transactional
    public TravelDocument addTravelDocument(UUID id, TravelDocumentKind kind, String number, String issuingCountry,
                                            LocalDate validUntil) {
        Detainee detainee = load(id);
        TravelDocument document = new TravelDocument(UUID.randomUUID(), detainee, kind, number, issuingCountry,
                validUntil, clock.instant(), actor());
        detainee.addTravelDocument(document);
        changed(detainee, "TRAVEL_DOCUMENT_ADDED", "documentId=" + document.id() + " kind=" + kind
                + " issuingCountry=" + issuingCountry + " validUntil=" + validUntil);
        outbox.publish(detainee.changed(DetaineeRecordChange.TRAVEL_DOCUMENT_ADDED, false, document.id(), null,
                clock.instant()));
        return document;
    }

    @Transactional
    public MedicalClearance addMedicalClearance(UUID id, boolean fitToFly, LocalDate assessedOn, LocalDate validUntil) {
        requireOrder(assessedOn, validUntil, "validUntil", "assessedOn");
        Detainee detainee = load(id);
        MedicalClearance clearance = new MedicalClearance(UUID.randomUUID(), detainee, fitToFly, assessedOn,
                validUntil, clock.instant(), actor());
        detainee.addMedicalClearance(clearance);
        changed(detainee, "MEDICAL_CLEARANCE_ADDED", "clearanceId=" + clearance.id() + " fitToFly=" + fitToFly
                + " assessedOn=" + assessedOn + " validUntil=" + validUntil);
        outbox.publish(detainee.changed(DetaineeRecordChange.CLEARANCE_ADDED, false, clearance.id(), null,
                clock.instant()));
        return clearance;
    }

    @Transactional
    public PropertyItem addProperty(UUID id, PropertyKind kind, String description) {
        Detainee detainee = load(id);
        PropertyItem item = new PropertyItem(UUID.randomUUID(), detainee, kind, description, clock.instant(), actor());
        detainee.addPropertyItem(item);
        changed(detainee, "PROPERTY_ADDED", "itemId=" + item.id() + " kind=" + kind);
        return item;
    }

    @Transactional
    public PropertyItem moveProperty(UUID id, UUID itemId, PropertyStatus next) {
        return move(load(id), itemId, next);
    }

    /**
     * Packs an item to travel with the person, for a detainee the caller can reach (404 otherwise).
     * An item packed already stays packed and nothing is written: a retried batch does no harm.
     *
     * @return whether the item was packed now
     */
    @Transactional
    public boolean pack(UUID id, UUID itemId, Predicate<Detainee> reachable) {
        Detainee detainee = detainees.findById(id).filter(reachable)
                .orElseThrow(() -> new NotFoundException("Detainee", id));
        if (item(detainee, itemId).status() == PropertyStatus.PACKED) {
            return false;
        }
        move(detainee, itemId, PropertyStatus.PACKED);
        return true;
    }

    private PropertyItem move(Detainee detainee, UUID itemId, PropertyStatus next) {
        PropertyItem item = item(detainee, itemId);
        try {
            item.moveTo(next, clock.instant(), actor());
        } catch (IllegalStateException e) {
            throw new ConflictException("Property item " + itemId + " is " + item.status() + " and cannot be marked "
                    + next);
        }
        changed(detainee, "PROPERTY_" + next, "itemId=" + itemId + " kind=" + item.kind());
        return item;
    }

    private static PropertyItem item(Detainee detainee, UUID itemId) {
        return detainee.propertyItem(itemId).orElseThrow(() -> new NotFoundException("Property item", itemId));
    }

    /**
     * Links the guardian of a minor; the guardian must be another adult detainee within the
     * caller's reach. Putting both on the same operation is the workflow's and the agency's part.
     */
    @Transactional
    public Detainee linkGuardian(UUID id, UUID guardianId, Predicate<Detainee> reachable) {
        Detainee detainee = load(id);
        if (id.equals(guardianId)) {
            throw new BadRequestException("a detainee cannot be their own guardian", "guardianId");
        }
        Detainee guardian = detainees.findById(guardianId).filter(reachable).orElseThrow(() ->
                new BusinessRuleException("no detainee " + guardianId + " is on record", "guardianId"));
        LocalDate today = LocalDate.now(clock);
        if (!detainee.minorOn(today)) {
            throw new BusinessRuleException("a guardian is linked only for a minor, and this person is 18 or over",
                    "guardianId");
        }
        if (guardian.minorOn(today)) {
            throw new BusinessRuleException("the guardian must be 18 or over", "guardianId");
        }
        detainee.linkGuardian(guardian);
        changed(detainee, "GUARDIAN_LINKED", "guardianId=" + guardianId);
        outbox.publish(detainee.changed(DetaineeRecordChange.GUARDIAN_LINKED, false, guardianId, null,
                clock.instant()));
        detainee.loadRecords();
        return detainee;
    }

    @Transactional(readOnly = true)
    public Eligibility assess(UUID id, String destination, LocalDate onDate, EligibilityStage stage) {
        return rules.assess(load(id), destination, onDate, stage);
    }

    // ---- messaging side (runs inside the platform's idempotent-consumer transaction) ----------

    /** Replies to the workflow; an unknown person is reported as not in custody rather than left unanswered. */
    @Transactional
    public EligibilityAssessed assessForCase(AssessEligibility command, String source, UUID requestId) {
        Optional<Detainee> found = detainees.findById(command.detaineeId());
        List<Blocker> blockers;
        if (found.isPresent()) {
            Detainee detainee = found.get();
            rememberCase(detainee, command.caseId(), source);
            blockers = rules.assess(detainee, command.destinationCountry(), command.onDate(), command.stage()).blockers();
        } else {
            blockers = List.of(new Blocker(BlockerCode.NOT_IN_CUSTODY, "No custody record for detainee "
                    + command.detaineeId()));
        }
        EligibilityAssessed assessed = new EligibilityAssessed(command.caseId(), command.detaineeId(),
                command.destinationCountry(), command.onDate(), command.stage(), blockers.isEmpty(),
                blockers.stream().map(Blocker::published).toList(), requestId);
        audit.recordSystem(source, "ELIGIBILITY_ASSESSED", SUBJECT, command.detaineeId(), "caseId=" + command.caseId()
                + " destination=" + command.destinationCountry() + " on=" + command.onDate() + " stage="
                + command.stage() + " blockers=" + blockers.stream().map(b -> b.code().name()).toList());
        outbox.publish(assessed);
        return assessed;
    }

    @Transactional
    public void describeForCase(DescribeDetainee command, String source, UUID requestId) {
        Optional<Detainee> found = detainees.findById(command.detaineeId());
        if (found.isEmpty()) {
            outbox.publish(new DetaineeUnknown(command.caseId(), command.detaineeId(), requestId));
            return;
        }
        Detainee d = found.get();
        rememberCase(d, command.caseId(), source);
        outbox.publish(new DetaineeDescribed(command.caseId(), d.id(), d.nationality(), d.preferredLanguage(),
                d.detainedSince(), d.facilityCode(), d.custodyStatus(), d.hasCounsel(), requestId));
    }

    /** The person was handed over at the destination: custody ends and every item held went with them. */
    @Transactional
    public void recordRemoval(RecordRemoval command, String source, UUID requestId) {
        Detainee detainee = detainees.findById(command.detaineeId()).orElseThrow(() -> new PoisonMessageException(
                "RecordRemoval for unknown detainee " + command.detaineeId(), null));
        Instant now = clock.instant();
        if (detainee.custodyStatus() != CustodyStatus.REMOVED) {
            for (PropertyItem item : detainee.property()) {
                if (item.status() == PropertyStatus.HELD || item.status() == PropertyStatus.PACKED) {
                    item.moveTo(PropertyStatus.HANDED_OVER, now, source);
                }
            }
            detainee.changeCustody(CustodyStatus.REMOVED);
            detainee.closeCase(command.caseId());
            detainee.touch(now, source);
            audit.recordSystem(source, "REMOVED", SUBJECT, detainee.id(), "caseId=" + command.caseId()
                    + " flightId=" + command.flightId());
        }
        outbox.publish(new DetaineeRemoved(command.caseId(), command.detaineeId(), command.flightId(), now, requestId));
    }

    /** The person leaves the return operation but stays in custody; the case is no longer theirs. */
    @Transactional
    public void releaseFromOperation(ReleaseFromOperation command, String source, UUID requestId) {
        Instant now = clock.instant();
        detainees.findById(command.detaineeId()).ifPresent(detainee -> {
            detainee.closeCase(command.caseId());
            detainee.touch(now, source);
            audit.recordSystem(source, "RELEASED_FROM_OPERATION", SUBJECT, detainee.id(), "caseId="
                    + command.caseId() + " reason=" + command.reasonCode());
        });
        outbox.publish(new DetaineeReleasedFromOperation(command.caseId(), command.detaineeId(),
                command.reasonCode(), now, requestId));
    }

    // ---- internals -------------------------------------------------------------------------

    private void rememberCase(Detainee detainee, UUID caseId, String source) {
        if (!caseId.equals(detainee.openCaseId())) {
            detainee.openCase(caseId);
            detainee.touch(clock.instant(), source);
        }
    }

    private Detainee load(UUID id) {
        Detainee detainee = detainees.findById(id).orElseThrow(() -> new NotFoundException("Detainee", id));
        detainee.loadRecords();
        return detainee;
    }

    private void changed(Detainee detainee, String action, String detail) {
        detainee.touch(clock.instant(), actor());
        audit.recordChange(action, SUBJECT, detainee.id(), detail);
    }

    private static void requireOrder(LocalDate first, LocalDate last, String lastField, String firstField) {
        if (last.isBefore(first)) {
            throw new BadRequestException("must not be before " + firstField, lastField);
        }
    }

    private static String actor() {
        return Caller.find().map(Caller::principal).orElse("system");
    }
}
