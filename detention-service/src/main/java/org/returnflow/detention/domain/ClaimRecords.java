package org.returnflow.detention.domain;

import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.util.UUID;

/**
 * Claims that bar removal until they are decided (issue 18 items 2 and 3).
 *
 * <ul>
 *   <li>A <b>status claim</b> (US citizenship or a lawful status) blocks every eligibility assessment as
 *       STATUS_CLAIM_PENDING, never overridden, until it is decided. UPHELD means the person cannot be
 *       removed on this record: custody ends at once (RELEASED, reason STATUS_CLAIM_UPHELD), so an open
 *       case meets NOT_IN_CUSTODY, which is never overridden either. REJECTED only clears the blocker.</li>
 *   <li>A <b>fear claim</b> about a destination is recorded whenever it is made, inside the notice window or
 *       after it, as a legal hold of kind PROTECTION_CLAIM (LegalHoldPlaced). Only its decision lifts the
 *       hold, and only when the claim is REJECTED (LegalHoldLifted); an UPHELD claim keeps the hold.</li>
 * </ul>
 *
 * Every decision names the verified principal and, when the client acts for an officer, that officer
 * (the audit trail's on_behalf_of). Events carry ids and codes only: never what is claimed, the
 * country feared or a reference.
 */
@Service
public class ClaimRecords {

    private final DetaineeRepository detainees;
    private final DetaineeRecords records;
    private final RecordLifecycle lifecycle;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public ClaimRecords(DetaineeRepository detainees, DetaineeRecords records, RecordLifecycle lifecycle,
                        EventOutbox outbox, AuditLog audit, Clock clock) {
        this.detainees = detainees;
        this.records = records;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens a status claim; a second open claim of the same kind is a 409. Publishes STATUS_CLAIM_OPENED (mayBlock). */
    @Transactional
    public StatusClaim openStatusClaim(UUID id, StatusClaimKind kind, String evidenceReference) {
        Detainee detainee = load(id);
        detainee.openStatusClaims().stream().filter(c -> c.claim() == kind).findFirst().ifPresent(open -> {
            throw new ConflictException("A " + kind + " claim is open already (" + open.id() + "); it must be decided "
                    + "before another is opened", "claim");
        });
        Instant now = clock.instant();
        StatusClaim claim = new StatusClaim(UUID.randomUUID(), detainee, kind, evidenceReference, now, actor());
        detainee.addStatusClaim(claim);
        detainee.touch(now, actor());
        audit.recordChange("STATUS_CLAIM_OPENED", DetaineeRecords.SUBJECT, id, "claimId=" + claim.id() + " claim="
                + kind + " evidenceReference=" + evidenceReference);
        outbox.publish(detainee.changed(DetaineeRecordChange.STATUS_CLAIM_OPENED, true, claim.id(), null, now));
        return claim;
    }

    /**
     * Decides an open status claim (409 when decided already). Publishes STATUS_CLAIM_DECIDED with the
     * outcome as reasonCode; UPHELD also releases a person in custody (CUSTODY_RELEASED), so mayBlock is
     * true for UPHELD and false for REJECTED.
     */
    @Transactional
    public Detainee decideStatusClaim(UUID id, UUID claimId, ClaimOutcome outcome, String reference,
                                      String onBehalfOf) {
        Detainee detainee = load(id);
        StatusClaim claim = detainee.statusClaim(claimId).orElseThrow(() -> new NotFoundException("Status claim",
                claimId));
        claim.decision().ifPresent(done -> {
            throw new ConflictException("Status claim " + claimId + " was decided already on " + done.at() + ": "
                    + done.outcome());
        });
        Instant now = clock.instant();
        claim.decide(new ClaimDecision(outcome, reference, now, actor(), onBehalfOf));
        detainee.touch(now, actor());
        audit.recordChange("STATUS_CLAIM_DECIDED", DetaineeRecords.SUBJECT, id, "claimId=" + claimId + " claim="
                + claim.claim() + " outcome=" + outcome + " decisionReference=" + reference, onBehalfOf);
        boolean upheld = outcome == ClaimOutcome.UPHELD;
        outbox.publish(detainee.changed(DetaineeRecordChange.STATUS_CLAIM_DECIDED, upheld, claimId, outcome.name(),
                now));
        if (upheld && detainee.custodyStatus() == CustodyStatus.IN_CUSTODY) {
            return lifecycle.release(id, ReleaseReason.STATUS_CLAIM_UPHELD, null, null);
        }
        return detainee;
    }

    /**
     * Records a fear claim about a destination and places its PROTECTION_CLAIM hold (LegalHoldPlaced), at
     * any time: a claim made after the notice window still becomes a hold. A second open claim about the
     * same destination is a 409.
     */
    @Transactional
    public FearClaim recordFearClaim(UUID id, String destinationCountry, LocalDate madeOn, String reference) {
        Detainee detainee = load(id);
        detainee.fearClaims().stream().filter(c -> c.open() && c.destinationCountry().equals(destinationCountry))
                .findFirst().ifPresent(open -> {
                    throw new ConflictException("A fear claim about " + destinationCountry + " is open already ("
                            + open.id() + ")", "destinationCountry");
                });
        UUID claimId = UUID.randomUUID();
        LegalHold hold = records.placeOn(detainee, LegalHoldKind.PROTECTION_CLAIM,
                reference != null ? reference : "FEAR-CLAIM-" + claimId);
        FearClaim claim = new FearClaim(claimId, detainee, destinationCountry, madeOn, reference, hold,
                clock.instant(), actor());
        detainee.addFearClaim(claim);
        audit.recordChange("FEAR_CLAIM_RECORDED", DetaineeRecords.SUBJECT, id, "claimId=" + claimId + " holdId="
                + hold.id() + " destination=" + destinationCountry + " madeOn=" + madeOn);
        return claim;
    }

    /** Decides an open fear claim (409 when decided already); REJECTED lifts its hold (LegalHoldLifted). */
    @Transactional
    public FearClaim decideFearClaim(UUID id, UUID claimId, ClaimOutcome outcome, String reference,
                                     String onBehalfOf) {
        Detainee detainee = load(id);
        FearClaim claim = detainee.fearClaim(claimId).orElseThrow(() -> new NotFoundException("Fear claim", claimId));
        claim.decision().ifPresent(done -> {
            throw new ConflictException("Fear claim " + claimId + " was decided already on " + done.at() + ": "
                    + done.outcome());
        });
        claim.decide(new ClaimDecision(outcome, reference, clock.instant(), actor(), onBehalfOf));
        audit.recordChange("FEAR_CLAIM_DECIDED", DetaineeRecords.SUBJECT, id, "claimId=" + claimId + " holdId="
                + claim.hold().id() + " outcome=" + outcome + " decisionReference=" + reference, onBehalfOf);
        if (outcome == ClaimOutcome.REJECTED && claim.hold().active()) {
            records.liftOn(detainee, claim.hold(), "FEAR_CLAIM_REJECTED " + reference);
        } else {
            detainee.touch(clock.instant(), actor());
        }
        return claim;
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
