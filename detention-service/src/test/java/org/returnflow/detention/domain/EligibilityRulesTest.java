package org.returnflow.detention.domain;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldKind;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnflow.contracts.detention.EligibilityStage.FINAL;
import static org.returnflow.contracts.detention.EligibilityStage.INITIAL;
import static org.returnflow.detention.domain.Records.DEPARTURE;

/** Every eligibility rule and its edges. */
class EligibilityRulesTest {

    private final EligibilityRules rules = new EligibilityRules(new ThirdCountryAgreements(Map.of(
            "PAN", Set.of("AFG", "CHN", "IND", "IRN", "NPL", "PAK", "LKA", "TUR", "UZB"))));

    private Eligibility assess(Detainee d) {
        return assess(d, "IRN", DEPARTURE, INITIAL);
    }

    private Eligibility assess(Detainee d, String destination, LocalDate on, EligibilityStage stage) {
        return rules.assess(d, destination, on, stage);
    }

    private static java.util.List<BlockerCode> codes(Eligibility e) {
        return e.blockers().stream().map(Blocker::code).toList();
    }

    @Test
    void aPersonWithACompleteRecordIsEligible() {
        Eligibility e = assess(Records.removable());
        assertThat(e.eligible()).isTrue();
        assertThat(e.blockers()).isEmpty();
    }

    @Test
    void everyBlockerIsReportedAtOnceAndEligibleIsFalse() {
        Detainee d = Records.bare(new Registration("A", "B", LocalDate.of(2012, 1, 1), "VNM", "vi", "LA-JENA",
                LocalDate.of(2026, 1, 1), null, null, null, null, null, null));
        Records.hold(d, LegalHoldKind.APPEAL);
        Records.permit(d, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 1, 1));
        Records.item(d, PropertyKind.ID_DOCUMENT);
        Records.custody(d, CustodyStatus.RELEASED);

        Eligibility e = assess(d, "PAN", DEPARTURE, FINAL);

        assertThat(e.eligible()).isFalse();
        assertThat(codes(e)).containsExactly(BlockerCode.NO_FINAL_ORDER, BlockerCode.ACTIVE_LEGAL_HOLD,
                BlockerCode.VALID_RESIDENCE_PERMIT, BlockerCode.NO_TRAVEL_DOCUMENT, BlockerCode.NOT_FIT_TO_FLY,
                BlockerCode.NOT_IN_CUSTODY, BlockerCode.UNACCOMPANIED_MINOR, BlockerCode.THIRD_COUNTRY_NOT_AGREED,
                BlockerCode.PROPERTY_NOT_RECONCILED);
    }

    @Test
    void blockerDetailsCarryNoNameAndNoDateOfBirth() {
        LocalDate dateOfBirth = LocalDate.of(2011, 7, 23);
        Detainee d = Records.bare(Records.registration(dateOfBirth, "VNM"));
        Records.hold(d, LegalHoldKind.ASYLUM_CLAIM);
        Records.permit(d, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 1, 1));
        Records.item(d, PropertyKind.VALUABLES);

        Eligibility e = assess(d, "PAN", DEPARTURE, FINAL);

        assertThat(e.blockers()).isNotEmpty().allSatisfy(b -> assertThat(b.detail())
                .isNotBlank()
                .doesNotContain(Records.GIVEN_NAME, Records.FAMILY_NAME, dateOfBirth.toString(), "2029-07-23",
                        "A-123-456", "passport in envelope", "RP-1"));
    }

    @Nested
    class RemovalOrder {

        @Test
        void noOrderBlocks() {
            Detainee d = Records.removable();
            Detainee withoutOrder = Records.bare(new Registration("A", "B", LocalDate.of(1990, 1, 1), "IRN", "fa",
                    "LA-JENA", LocalDate.of(2026, 1, 1), null, null, null, null, null, null));
            Records.addTravelDocument(withoutOrder, LocalDate.of(2030, 1, 1));
            Records.addClearance(withoutOrder, true, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1));

            assertThat(codes(assess(d))).isEmpty();
            assertThat(codes(assess(withoutOrder))).containsExactly(BlockerCode.NO_FINAL_ORDER);
            assertThat(assess(withoutOrder).blockers().get(0).detail()).contains("No removal order");
        }

        @Test
        void anOrderThatIsNotFinalBlocks() {
            Detainee d = withOrder(LocalDate.of(2026, 4, 2), false);
            Eligibility e = assess(d);
            assertThat(codes(e)).containsExactly(BlockerCode.NO_FINAL_ORDER);
            assertThat(e.blockers().get(0).detail()).contains("2026-04-02", "not final");
        }

        @Test
        void aFinalOrderDatedAfterTheDepartureBlocks() {
            assertThat(codes(assess(withOrder(DEPARTURE.plusDays(1), true))))
                    .containsExactly(BlockerCode.NO_FINAL_ORDER);
            assertThat(codes(assess(withOrder(DEPARTURE, true)))).isEmpty();
        }

        private Detainee withOrder(LocalDate issuedOn, boolean isFinal) {
            Detainee d = Records.bare(new Registration("A", "B", LocalDate.of(1990, 1, 1), "IRN", "fa", "LA-JENA",
                    LocalDate.of(2026, 1, 1), null, null, issuedOn, isFinal, null, null));
            Records.addTravelDocument(d, LocalDate.of(2030, 1, 1));
            Records.addClearance(d, true, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1));
            return d;
        }
    }

    @Nested
    class LegalHolds {

        @ParameterizedTest
        @EnumSource(LegalHoldKind.class)
        void anyActiveHoldBlocks(LegalHoldKind kind) {
            Detainee d = Records.removable();
            LegalHold hold = Records.hold(d, kind);

            Eligibility e = assess(d);

            assertThat(codes(e)).containsExactly(BlockerCode.ACTIVE_LEGAL_HOLD);
            assertThat(e.blockers().get(0).detail()).contains(kind.name(), hold.id().toString(), "2026-11-01");
            // the public form says that a hold blocks and which record, never its kind
            assertThat(e.blockers().get(0).published())
                    .isEqualTo(new org.returnflow.contracts.detention.Blocker(BlockerCode.ACTIVE_LEGAL_HOLD, hold.id()));
        }

        @Test
        void aLiftedHoldNoLongerBlocks() {
            Detainee d = Records.removable();
            Records.lift(Records.hold(d, LegalHoldKind.APPEAL));

            assertThat(assess(d).eligible()).isTrue();
        }

        @Test
        void aHoldLiftedAndThenANewHoldPlacedBlocksOnTheNewHold() {
            Detainee d = Records.removable();
            LegalHold first = Records.hold(d, LegalHoldKind.APPEAL);
            Records.lift(first);
            LegalHold second = Records.hold(d, LegalHoldKind.STAY_OF_REMOVAL);

            Eligibility e = assess(d);

            assertThat(codes(e)).containsExactly(BlockerCode.ACTIVE_LEGAL_HOLD);
            assertThat(e.blockers().get(0).detail()).contains(second.id().toString())
                    .doesNotContain(first.id().toString());
        }

        @Test
        void twoActiveHoldsAreTwoBlockers() {
            Detainee d = Records.removable();
            Records.hold(d, LegalHoldKind.APPEAL);
            Records.hold(d, LegalHoldKind.COURT_ORDER);

            assertThat(codes(assess(d))).containsExactly(BlockerCode.ACTIVE_LEGAL_HOLD, BlockerCode.ACTIVE_LEGAL_HOLD);
        }
    }

    @Nested
    class StatusClaims {

        @Test
        void anOpenClaimBlocksNeverOverriddenAndNamesNeitherWhatIsClaimedNorTheEvidence() {
            Detainee d = Records.removable();
            StatusClaim claim = Records.statusClaim(d, StatusClaimKind.US_CITIZENSHIP);

            Eligibility e = assess(d);

            assertThat(codes(e)).containsExactly(BlockerCode.STATUS_CLAIM_PENDING);
            assertThat(e.blockers().get(0).detail()).contains(claim.id().toString()).doesNotContain("CITIZEN")
                    .doesNotContain("MSC1");
            assertThat(BlockerCode.STATUS_CLAIM_PENDING.overridable()).isFalse();
        }

        @Test
        void itBlocksAtTheFinalCheckAndForAThirdCountryToo() {
            Detainee d = Records.removable();
            Records.statusClaim(d, StatusClaimKind.LAWFUL_PERMANENT_RESIDENCE);
            assertThat(codes(assess(d, "PAN", DEPARTURE, FINAL))).containsExactly(BlockerCode.STATUS_CLAIM_PENDING);
        }

        @ParameterizedTest
        @EnumSource(ClaimOutcome.class)
        void aDecidedClaimNoLongerBlocks(ClaimOutcome outcome) {
            Detainee d = Records.removable();
            Records.decide(Records.statusClaim(d, StatusClaimKind.ASYLEE_STATUS), outcome);
            assertThat(assess(d).eligible()).isTrue();
        }

        @Test
        void everyOpenClaimIsItsOwnBlocker() {
            Detainee d = Records.removable();
            Records.statusClaim(d, StatusClaimKind.US_CITIZENSHIP);
            Records.statusClaim(d, StatusClaimKind.TEMPORARY_PROTECTED_STATUS);
            Records.decide(Records.statusClaim(d, StatusClaimKind.REFUGEE_STATUS), ClaimOutcome.REJECTED);
            assertThat(codes(assess(d))).containsExactly(BlockerCode.STATUS_CLAIM_PENDING,
                    BlockerCode.STATUS_CLAIM_PENDING);
        }
    }

    @Nested
    class FearClaims {

        @Test
        void aFearClaimIsAnActiveHoldUntilItsHoldIsLifted() {
            Detainee d = Records.removable();
            FearClaim claim = Records.fearClaim(d, "IRN");
            assertThat(codes(assess(d, "PAN", DEPARTURE, INITIAL))).containsExactly(BlockerCode.ACTIVE_LEGAL_HOLD);

            Records.decide(claim, ClaimOutcome.UPHELD);
            assertThat(codes(assess(d))).as("an upheld claim keeps its hold").containsExactly(
                    BlockerCode.ACTIVE_LEGAL_HOLD);
            Records.lift(claim.hold());
            assertThat(assess(d).eligible()).isTrue();
        }
    }

    @Nested
    class ResidencePermits {

        @Test
        void aPermitValidUntilExactlyTheDateStillBlocks() {
            Detainee d = Records.removable();
            ResidencePermit permit = Records.permit(d, LocalDate.of(2025, 1, 1), DEPARTURE);

            Eligibility e = assess(d);

            assertThat(codes(e)).containsExactly(BlockerCode.VALID_RESIDENCE_PERMIT);
            assertThat(e.blockers().get(0).detail()).contains(permit.id().toString(), "2025-01-01",
                    DEPARTURE.toString());
        }

        @Test
        void aPermitThatExpiredTheDayBeforeDoesNotBlock() {
            Detainee d = Records.removable();
            Records.permit(d, LocalDate.of(2025, 1, 1), DEPARTURE.minusDays(1));

            assertThat(assess(d).eligible()).isTrue();
        }

        @Test
        void aPermitStartingOnTheDateBlocksAndOneStartingTheDayAfterDoesNot() {
            Detainee starting = Records.removable();
            Records.permit(starting, DEPARTURE, DEPARTURE.plusYears(1));
            Detainee later = Records.removable();
            Records.permit(later, DEPARTURE.plusDays(1), DEPARTURE.plusYears(1));

            assertThat(codes(assess(starting))).containsExactly(BlockerCode.VALID_RESIDENCE_PERMIT);
            assertThat(assess(later).eligible()).isTrue();
        }
    }

    @Nested
    class TravelDocuments {

        @Test
        void noTravelDocumentBlocks() {
            Detainee d = Records.bare(Records.registration(LocalDate.of(1990, 1, 1), "IRN"));
            Records.addClearance(d, true, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1));

            Eligibility e = assess(d);

            assertThat(codes(e)).containsExactly(BlockerCode.NO_TRAVEL_DOCUMENT);
            assertThat(e.blockers().get(0).detail()).contains("none is on record");
        }

        @Test
        void aDocumentValidUntilTheDateIsEnoughAndOneExpiredTheDayBeforeIsNot() {
            Detainee lastDay = Records.bare(Records.registration(LocalDate.of(1990, 1, 1), "IRN"));
            Records.addClearance(lastDay, true, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1));
            Records.addTravelDocument(lastDay, DEPARTURE);
            Detainee expired = Records.bare(Records.registration(LocalDate.of(1990, 1, 1), "IRN"));
            Records.addClearance(expired, true, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1));
            Records.addTravelDocument(expired, DEPARTURE.minusDays(1));

            assertThat(assess(lastDay).eligible()).isTrue();
            Eligibility e = assess(expired);
            assertThat(codes(e)).containsExactly(BlockerCode.NO_TRAVEL_DOCUMENT);
            assertThat(e.blockers().get(0).detail()).contains("expired on 2026-12-04");
        }
    }

    @Nested
    class InvalidatedRecords {

        @Test
        void anInvalidatedPassportNoLongerCounts() {
            Detainee d = Records.removable();
            Records.invalidate(d.travelDocuments().get(0), InvalidationReason.STOLEN);

            Eligibility e = assess(d);

            assertThat(codes(e)).containsExactly(BlockerCode.NO_TRAVEL_DOCUMENT);
            assertThat(e.blockers().get(0).detail()).contains("invalidated");
        }

        @Test
        void anInvalidatedClearanceNoLongerClears() {
            Detainee d = Records.removable();
            Records.invalidate(d.medicalClearances().get(0), InvalidationReason.REASSESSED);

            assertThat(codes(assess(d))).containsExactly(BlockerCode.NOT_FIT_TO_FLY);
        }

        @Test
        void anInvalidatedPermitNoLongerBlocks() {
            Detainee d = Records.removable();
            ResidencePermit permit = Records.permit(d, DEPARTURE.minusYears(1), DEPARTURE.plusYears(1));
            assertThat(codes(assess(d))).containsExactly(BlockerCode.VALID_RESIDENCE_PERMIT);

            Records.invalidate(permit, InvalidationReason.REVOKED);

            assertThat(assess(d).eligible()).isTrue();
        }

        @Test
        void aRecordIsInvalidatedOnlyOnce() {
            Detainee d = Records.removable();
            TravelDocument passport = d.travelDocuments().get(0);
            Records.invalidate(passport, InvalidationReason.LOST);

            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    Records.invalidate(passport, InvalidationReason.RECORDED_IN_ERROR))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(passport.invalidation()).get().extracting(Invalidation::reason).isEqualTo(InvalidationReason.LOST);
        }
    }

    @Nested
    class FitToFly {

        private Detainee withClearance(boolean fit, LocalDate assessedOn, LocalDate validUntil) {
            Detainee d = Records.bare(Records.registration(LocalDate.of(1990, 1, 1), "IRN"));
            Records.addTravelDocument(d, LocalDate.of(2030, 1, 1));
            Records.addClearance(d, fit, assessedOn, validUntil);
            return d;
        }

        @Test
        void noClearanceBlocks() {
            Detainee d = Records.bare(Records.registration(LocalDate.of(1990, 1, 1), "IRN"));
            Records.addTravelDocument(d, LocalDate.of(2030, 1, 1));
            assertThat(codes(assess(d))).containsExactly(BlockerCode.NOT_FIT_TO_FLY);
        }

        @Test
        void anUnfitAssessmentBlocks() {
            assertThat(codes(assess(withClearance(false, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1)))))
                    .containsExactly(BlockerCode.NOT_FIT_TO_FLY);
        }

        @Test
        void aClearanceValidUntilTheDateIsEnoughAndOneExpiredTheDayBeforeIsNot() {
            assertThat(assess(withClearance(true, LocalDate.of(2026, 11, 1), DEPARTURE)).eligible()).isTrue();
            assertThat(codes(assess(withClearance(true, LocalDate.of(2026, 11, 1), DEPARTURE.minusDays(1)))))
                    .containsExactly(BlockerCode.NOT_FIT_TO_FLY);
        }

        @Test
        void aClearanceAssessedAfterTheDateDoesNotCoverIt() {
            assertThat(codes(assess(withClearance(true, DEPARTURE.plusDays(1), DEPARTURE.plusDays(30)))))
                    .containsExactly(BlockerCode.NOT_FIT_TO_FLY);
        }
    }

    @Nested
    class Custody {

        @ParameterizedTest
        @EnumSource(value = CustodyStatus.class, names = {"RELEASED", "REMOVED"})
        void aPersonNotInCustodyIsBlocked(CustodyStatus status) {
            Detainee d = Records.removable();
            Records.custody(d, status);

            Eligibility e = assess(d);

            assertThat(codes(e)).containsExactly(BlockerCode.NOT_IN_CUSTODY);
            assertThat(e.blockers().get(0).detail()).contains(status.name());
        }
    }

    @Nested
    class Minors {

        @Test
        void aMinorWithoutAGuardianIsBlocked() {
            Detainee d = Records.removable(LocalDate.of(2010, 1, 1), "IRN");
            Eligibility e = assess(d);
            assertThat(codes(e)).containsExactly(BlockerCode.UNACCOMPANIED_MINOR);
            assertThat(e.blockers().get(0).detail()).contains("no guardian is linked");
        }

        @Test
        void turningEighteenOnTheDateIsNoLongerAMinorAndTheDayBeforeStillIs() {
            Detainee eighteenToday = Records.removable(DEPARTURE.minusYears(18), "IRN");
            Detainee eighteenTomorrow = Records.removable(DEPARTURE.minusYears(18).plusDays(1), "IRN");

            assertThat(assess(eighteenToday).eligible()).isTrue();
            assertThat(codes(assess(eighteenTomorrow))).containsExactly(BlockerCode.UNACCOMPANIED_MINOR);
        }

        @ParameterizedTest(name = "born {0}, on {1}: minor={2}")
        @CsvSource({
                "2008-02-29, 2026-02-28, true",   // no 29 February in 2026: still 17 on the 28th
                "2008-02-29, 2026-03-01, false",  // 18 from 1 March
                "2010-02-28, 2028-02-29, false",  // 18 the day before, on 28 February 2028
                "2010-03-01, 2028-02-29, true",   // 29 February 2028 comes before the 18th birthday
                "2008-02-29, 2024-02-29, true"})
        void twentyNinthOfFebruary(LocalDate born, LocalDate on, boolean minor) {
            Detainee d = Records.removable(born, "IRN");

            assertThat(d.minorOn(on)).isEqualTo(minor);
            assertThat(codes(assess(d, "IRN", on, INITIAL)).contains(BlockerCode.UNACCOMPANIED_MINOR))
                    .isEqualTo(minor);
        }

        @Test
        void aMinorWithAGuardianInCustodyIsNotBlocked() {
            Detainee minor = Records.removable(LocalDate.of(2012, 5, 5), "IRN");
            Records.guardian(minor, Records.removable());

            assertThat(assess(minor).eligible()).isTrue();
        }

        @Test
        void aGuardianNoLongerInCustodyDoesNotAccompanyTheMinor() {
            Detainee minor = Records.removable(LocalDate.of(2012, 5, 5), "IRN");
            Detainee guardian = Records.removable();
            Records.custody(guardian, CustodyStatus.RELEASED);
            Records.guardian(minor, guardian);

            Eligibility e = assess(minor);

            assertThat(codes(e)).containsExactly(BlockerCode.UNACCOMPANIED_MINOR);
            assertThat(e.blockers().get(0).detail()).contains("guardian is not in custody");
        }
    }

    @Nested
    class ThirdCountry {

        @ParameterizedTest(name = "{0} to {1}: blocked={2}")
        @CsvSource({
                "IRN, IRN, false",  // a return home is not a third-country removal
                "VNM, VNM, false",
                "IRN, PAN, false",  // PAN accepts IRN
                "AFG, PAN, false",
                "UZB, PAN, false",
                "VNM, PAN, true",   // PAN does not accept VNM
                "IRN, TUR, true"})  // no agreement with TUR at all
        void aThirdCountryRemovalNeedsAnAgreementCoveringTheNationality(String nationality, String destination,
                                                                         boolean blocked) {
            Detainee d = Records.removable(LocalDate.of(1990, 1, 1), nationality);

            Eligibility e = assess(d, destination, DEPARTURE, INITIAL);

            assertThat(codes(e).contains(BlockerCode.THIRD_COUNTRY_NOT_AGREED)).isEqualTo(blocked);
            assertThat(e.eligible()).isEqualTo(!blocked);
            if (blocked) {
                assertThat(e.blockers().get(0).detail()).contains(destination, nationality);
            }
        }
    }

    @Nested
    class Property {

        @Test
        void atManifestLockAnItemStillHeldBlocks() {
            Detainee d = Records.removable();
            PropertyItem held = Records.item(d, PropertyKind.ID_DOCUMENT);
            Records.move(Records.item(d, PropertyKind.LUGGAGE), PropertyStatus.PACKED);

            Eligibility e = assess(d, "IRN", DEPARTURE, FINAL);

            assertThat(codes(e)).containsExactly(BlockerCode.PROPERTY_NOT_RECONCILED);
            assertThat(e.blockers().get(0).detail()).contains("1 of 2", "ID_DOCUMENT", held.id().toString());
        }

        @Test
        void beforeManifestLockPropertyIsNotChecked() {
            Detainee d = Records.removable();
            Records.item(d, PropertyKind.ID_DOCUMENT);

            assertThat(assess(d, "IRN", DEPARTURE, INITIAL).eligible()).isTrue();
        }

        @Test
        void packedOrReturnedItemsAreReconciled() {
            Detainee d = Records.removable();
            Records.move(Records.item(d, PropertyKind.ID_DOCUMENT), PropertyStatus.PACKED);
            Records.move(Records.item(d, PropertyKind.VALUABLES), PropertyStatus.RETURNED);

            assertThat(assess(d, "IRN", DEPARTURE, FINAL).eligible()).isTrue();
        }
    }
}
