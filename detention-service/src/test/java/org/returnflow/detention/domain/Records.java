package org.returnflow.detention.domain;

import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.LegalHoldKind;

import org.springframework.test.util.ReflectionTestUtils;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Custody records for tests, built the way the service builds them. */
public final class Records {

    public static final LocalDate DEPARTURE = LocalDate.of(2026, 12, 5);
    public static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");
    public static final String GIVEN_NAME = "Dariush";
    public static final String FAMILY_NAME = "Karimi";

    private Records() {
    }

    public static Registration registration(LocalDate dateOfBirth, String nationality) {
        return new Registration(GIVEN_NAME, FAMILY_NAME, dateOfBirth, nationality, "fa", "LA-JENA",
                LocalDate.of(2026, 3, 1), "Counsel of Record", "counsel@law.example",
                LocalDate.of(2026, 4, 2), true, null, null);
    }

    /** An adult Iranian national in custody, with a final order, a passport and a fit-to-fly clearance for DEPARTURE. */
    public static Detainee removable() {
        return removable(LocalDate.of(1990, 6, 15), "IRN");
    }

    public static Detainee removable(LocalDate dateOfBirth, String nationality) {
        Detainee d = new Detainee(UUID.randomUUID(), "RF-2026-000001", registration(dateOfBirth, nationality), NOW,
                "detention-agency");
        d.addTravelDocument(new TravelDocument(UUID.randomUUID(), d, TravelDocumentKind.PASSPORT, "P123", nationality,
                LocalDate.of(2030, 1, 1), NOW, "detention-agency"));
        d.addMedicalClearance(new MedicalClearance(UUID.randomUUID(), d, true, LocalDate.of(2026, 11, 1),
                LocalDate.of(2027, 1, 31), NOW, "detention-agency"));
        return d;
    }

    /** A person as registered, with nothing attached yet. */
    public static Detainee bare(Registration registration) {
        return new Detainee(UUID.randomUUID(), "RF-2026-000002", registration, NOW, "detention-agency");
    }

    public static LegalHold hold(Detainee d, LegalHoldKind kind) {
        LegalHold hold = new LegalHold(UUID.randomUUID(), d, kind, "A-123-456", NOW, "detention-agency");
        d.addLegalHold(hold);
        return hold;
    }

    public static StatusClaim statusClaim(Detainee d, StatusClaimKind kind) {
        StatusClaim claim = new StatusClaim(UUID.randomUUID(), d, kind, "N-600:MSC1", NOW, "detention-agency");
        d.addStatusClaim(claim);
        return claim;
    }

    public static void decide(StatusClaim claim, ClaimOutcome outcome) {
        claim.decide(new ClaimDecision(outcome, "USCIS:1", NOW.plusSeconds(60), "detention-agency", null));
    }

    /** A fear claim about a destination with its PROTECTION_CLAIM hold. */
    public static FearClaim fearClaim(Detainee d, String destination) {
        LegalHold hold = new LegalHold(UUID.randomUUID(), d, LegalHoldKind.PROTECTION_CLAIM, "CF-1", NOW,
                "detention-agency");
        d.addLegalHold(hold);
        FearClaim claim = new FearClaim(UUID.randomUUID(), d, destination, NOW.atZone(java.time.ZoneOffset.UTC)
                .toLocalDate(), "CF-1", hold, NOW, "detention-agency");
        d.addFearClaim(claim);
        return claim;
    }

    public static void decide(FearClaim claim, ClaimOutcome outcome) {
        claim.decide(new ClaimDecision(outcome, "IJ:1", NOW.plusSeconds(60), "detention-agency", "Officer Chen"));
    }

    public static void lift(LegalHold hold) {
        hold.lift("Appeal dismissed", NOW.plusSeconds(60), "detention-agency");
    }

    public static ResidencePermit permit(Detainee d, LocalDate from, LocalDate until) {
        ResidencePermit permit = new ResidencePermit(UUID.randomUUID(), d, "TEMPORARY", "RP-1", from, until, NOW,
                "detention-agency");
        d.addResidencePermit(permit);
        return permit;
    }

    public static PropertyItem item(Detainee d, PropertyKind kind) {
        PropertyItem item = new PropertyItem(UUID.randomUUID(), d, kind, "passport in envelope", NOW,
                "detention-agency");
        d.addPropertyItem(item);
        return item;
    }

    public static void move(PropertyItem item, PropertyStatus status) {
        item.moveTo(status, NOW, "detention-agency");
    }

    public static void custody(Detainee d, CustodyStatus status) {
        d.changeCustody(status);
    }

    public static void guardian(Detainee minor, Detainee guardian) {
        minor.linkGuardian(guardian);
    }

    public static void addTravelDocument(Detainee d, LocalDate validUntil) {
        d.addTravelDocument(new TravelDocument(UUID.randomUUID(), d, TravelDocumentKind.PASSPORT, "P9", "IRN",
                validUntil, NOW, "detention-agency"));
    }

    public static void addClearance(Detainee d, boolean fit, LocalDate assessedOn, LocalDate validUntil) {
        d.addMedicalClearance(new MedicalClearance(UUID.randomUUID(), d, fit, assessedOn, validUntil, NOW,
                "detention-agency"));
    }

    /** The record as if read from the database at this version (its ETag). */
    public static Detainee atVersion(Detainee d, long version) {
        ReflectionTestUtils.setField(d, "version", version);
        return d;
    }

    public static void invalidate(InvalidatableRecord record, InvalidationReason reason) {
        record.invalidate(new Invalidation(reason, null, NOW, "detention-agency"));
    }

    public static CustodyMovement transfer(Detainee d, String facility) {
        return d.transferTo(facility, TransferReason.STAGING_FOR_REMOVAL, null, NOW, "detention-agency");
    }
}
