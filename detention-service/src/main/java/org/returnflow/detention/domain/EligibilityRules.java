package org.returnflow.detention.domain;

import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.EligibilityStage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Whether a person may be removed to a country on a date: the check that protects people from
 * wrongful removal. Pure code over the custody record; every rule adds its own blocker, so a
 * legal review sees all of them at once. Details hold codes, ids and dates only, never names or
 * the date of birth; they stay in detention's API (a legal hold's detail names its kind), and the
 * public topic gets only each blocker's code and record ({@link Blocker#published()}).
 */
public final class EligibilityRules {

    private final ThirdCountryAgreements agreements;

    public EligibilityRules(ThirdCountryAgreements agreements) {
        this.agreements = Objects.requireNonNull(agreements, "agreements");
    }

    public Eligibility assess(Detainee detainee, String destinationCountry, LocalDate onDate, EligibilityStage stage) {
        List<Blocker> blockers = new ArrayList<>();
        finalOrder(detainee, onDate, blockers);
        legalHolds(detainee, blockers);
        statusClaims(detainee, blockers);
        residencePermits(detainee, onDate, blockers);
        travelDocument(detainee, onDate, blockers);
        fitToFly(detainee, onDate, blockers);
        custody(detainee, blockers);
        minor(detainee, onDate, blockers);
        thirdCountry(detainee, destinationCountry, blockers);
        if (stage == EligibilityStage.FINAL) {
            property(detainee, blockers);
        }
        return new Eligibility(blockers);
    }

    private static void finalOrder(Detainee d, LocalDate onDate, List<Blocker> blockers) {
        if (d.removalOrderIssuedOn() == null) {
            blockers.add(new Blocker(BlockerCode.NO_FINAL_ORDER, "No removal order is on record"));
        } else if (!Boolean.TRUE.equals(d.removalOrderFinal())) {
            blockers.add(new Blocker(BlockerCode.NO_FINAL_ORDER,
                    "The removal order issued on " + d.removalOrderIssuedOn() + " is not final"));
        } else if (!d.hasFinalRemovalOrderOn(onDate)) {
            blockers.add(new Blocker(BlockerCode.NO_FINAL_ORDER,
                    "The final removal order is dated " + d.removalOrderIssuedOn() + ", after " + onDate));
        }
    }

    private static void legalHolds(Detainee d, List<Blocker> blockers) {
        for (LegalHold hold : d.activeHolds()) {
            blockers.add(new Blocker(BlockerCode.ACTIVE_LEGAL_HOLD, hold.kind() + " hold " + hold.id()
                    + " active since " + hold.placedAt().atZone(ZoneOffset.UTC).toLocalDate(), hold.id()));
        }
    }

    /** An open claim of US citizenship or lawful status; the detail leaves out what is claimed. */
    private static void statusClaims(Detainee d, List<Blocker> blockers) {
        for (StatusClaim claim : d.openStatusClaims()) {
            blockers.add(new Blocker(BlockerCode.STATUS_CLAIM_PENDING, "Status claim " + claim.id() + " open since "
                    + claim.openedAt().atZone(ZoneOffset.UTC).toLocalDate() + " awaits its decision", claim.id()));
        }
    }

    private static void residencePermits(Detainee d, LocalDate onDate, List<Blocker> blockers) {
        for (ResidencePermit permit : d.residencePermits()) {
            if (permit.validOn(onDate)) {
                blockers.add(new Blocker(BlockerCode.VALID_RESIDENCE_PERMIT, "Residence permit " + permit.id()
                        + " valid from " + permit.validFrom() + " until " + permit.validUntil() + " covers " + onDate,
                        permit.id()));
            }
        }
    }

    private static void travelDocument(Detainee d, LocalDate onDate, List<Blocker> blockers) {
        if (d.travelDocuments().stream().noneMatch(t -> t.validOn(onDate))) {
            long invalidated = d.travelDocuments().stream().filter(TravelDocument::invalidated).count();
            String latest = d.travelDocuments().stream().filter(t -> !t.invalidated()).map(TravelDocument::validUntil)
                    .max(Comparator.naturalOrder()).map(until -> "; the latest expired on " + until)
                    .orElse(invalidated > 0 ? "; every one on record was invalidated" : "; none is on record");
            blockers.add(new Blocker(BlockerCode.NO_TRAVEL_DOCUMENT,
                    "No travel document is valid on " + onDate + latest));
        }
    }

    private static void fitToFly(Detainee d, LocalDate onDate, List<Blocker> blockers) {
        if (d.medicalClearances().stream().noneMatch(c -> c.clearsOn(onDate))) {
            blockers.add(new Blocker(BlockerCode.NOT_FIT_TO_FLY,
                    "No fit-to-fly clearance is valid on " + onDate));
        }
    }

    private static void custody(Detainee d, List<Blocker> blockers) {
        if (d.custodyStatus() != CustodyStatus.IN_CUSTODY) {
            blockers.add(new Blocker(BlockerCode.NOT_IN_CUSTODY, "Custody status is " + d.custodyStatus()));
        }
    }

    /**
     * A minor needs a linked guardian who is in custody too. That the guardian travels on the same
     * operation is the workflow's part: detention cannot see operations.
     */
    private static void minor(Detainee d, LocalDate onDate, List<Blocker> blockers) {
        if (!d.minorOn(onDate)) {
            return;
        }
        boolean accompanied = d.guardian().map(g -> g.custodyStatus() == CustodyStatus.IN_CUSTODY).orElse(false);
        if (!accompanied) {
            blockers.add(new Blocker(BlockerCode.UNACCOMPANIED_MINOR, "Under 18 on " + onDate + " and "
                    + (d.guardian().isPresent() ? "the linked guardian is not in custody" : "no guardian is linked")));
        }
    }

    private void thirdCountry(Detainee d, String destination, List<Blocker> blockers) {
        if (!agreements.covers(destination, d.nationality())) {
            blockers.add(new Blocker(BlockerCode.THIRD_COUNTRY_NOT_AGREED, "No third-country agreement lets "
                    + destination + " accept nationality " + d.nationality()));
        }
    }

    private static void property(Detainee d, List<Blocker> blockers) {
        List<PropertyItem> held = d.property().stream().filter(p -> !p.status().reconciled()).toList();
        if (!held.isEmpty()) {
            blockers.add(new Blocker(BlockerCode.PROPERTY_NOT_RECONCILED, held.size() + " of "
                    + d.property().size() + " property item(s) still HELD, neither packed nor returned: "
                    + held.stream().map(p -> p.kind() + " " + p.id()).toList()));
        }
    }
}
