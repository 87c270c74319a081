package org.returnflow.e2e;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One person of the reference scenario: what the agency registers about them, what the scenario
 * plans for them (the facts of their file and what reviewers and officers will decide), and the
 * ids the services gave back. Names stay here and in detention; everything else uses ids.
 */
public final class Person {

    /** What makes this person's case go the way it goes. */
    public enum Trait {
        /** Final order, valid passport, fit to fly: nothing blocks. */
        PLAIN,
        /** A residence permit still valid on the departure date (S2). */
        VALID_PERMIT,
        /** An appeal pending before the case starts: an active legal hold (S1). */
        APPEAL,
        /** Under 18 without a guardian in the operation (S10). */
        UNACCOMPANIED_MINOR,
        /** Under 18 with a guardian in custody on the same operation (S10, not blocked). */
        ACCOMPANIED_MINOR,
        /** The guardian of an accompanied minor. */
        GUARDIAN,
        /** The last fit-to-fly assessment found them unfit (S5). */
        NOT_FIT_TO_FLY,
        /** Only an expired passport (S5). */
        NO_TRAVEL_DOCUMENT,
        /** A nationality the third-country agreement does not cover (S6). */
        NOT_COVERED_BY_AGREEMENT
    }

    /** What the legal reviewers do with this person's review, if one comes. */
    public enum ReviewPlan {
        /** No review is expected. */
        NONE,
        /** PROCEED past an overridable blocker; a supervisor (another user) approves. */
        PROCEED_WITH_FOUR_EYES,
        /** WITHDRAW the case. */
        WITHDRAW,
        /** The agency fixes the record (a new clearance, an emergency travel document, packed property), then RECHECK. */
        FIX_AND_RECHECK,
        /** A court lifts the hold; the case reassesses by itself (LegalHoldLifted). */
        LIFT_HOLD,
        /** The hold stays until a court decides: the review stays open. */
        AWAIT_COURT
    }

    /** What the person answers to the consent officer. */
    public enum ConsentPlan {
        GIVE, GIVE_THROUGH_INTERPRETER, DECLINE
    }

    final int number;
    final String operationKey;
    final String destination;
    final String nationality;
    final String language;
    final String givenName;
    final String familyName;
    final LocalDate dateOfBirth;
    final String facility;
    final LocalDate detainedSince;
    final boolean counsel;
    final Trait trait;
    volatile ReviewPlan reviewPlan;
    final ConsentPlan consentPlan;
    Person guardian;

    // ids from the services
    volatile UUID detaineeId;
    volatile String caseNumber;
    volatile UUID caseId;
    volatile UUID holdId;
    final List<UUID> propertyItems = new ArrayList<>();

    // what happened on the way
    volatile boolean consentDecided;
    volatile boolean holdPlacedAfterBooking;
    volatile boolean consentWithdrawn;
    volatile boolean keepPropertyHeld;
    volatile boolean holdLifted;
    volatile boolean proceedRefusalTried;
    volatile String proceedRefusal;
    volatile boolean recordFixed;

    Person(int number, String operationKey, String destination, String nationality, String language, String givenName,
           String familyName, LocalDate dateOfBirth, String facility, LocalDate detainedSince, boolean counsel,
           Trait trait, ReviewPlan reviewPlan, ConsentPlan consentPlan) {
        this.number = number;
        this.operationKey = operationKey;
        this.destination = destination;
        this.nationality = nationality;
        this.language = language;
        this.givenName = givenName;
        this.familyName = familyName;
        this.dateOfBirth = dateOfBirth;
        this.facility = facility;
        this.detainedSince = detainedSince;
        this.counsel = counsel;
        this.trait = trait;
        this.reviewPlan = reviewPlan;
        this.consentPlan = consentPlan;
    }

    public int number() {
        return number;
    }

    public String operationKey() {
        return operationKey;
    }

    public String destination() {
        return destination;
    }

    public String nationality() {
        return nationality;
    }

    public String language() {
        return language;
    }

    public Trait trait() {
        return trait;
    }

    public ReviewPlan reviewPlan() {
        return reviewPlan;
    }

    public ConsentPlan consentPlan() {
        return consentPlan;
    }

    public UUID detaineeId() {
        return detaineeId;
    }

    public UUID caseId() {
        return caseId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public boolean hasCounsel() {
        return counsel;
    }

    public boolean holdPlacedAfterBooking() {
        return holdPlacedAfterBooking;
    }

    public boolean consentWithdrawn() {
        return consentWithdrawn;
    }

    public boolean keptPropertyHeld() {
        return keepPropertyHeld;
    }

    public boolean consentRequired() {
        return !destination.equals(nationality) || "PAN".equals(destination);
    }

    /**
     * The state the case must end in.
     *
     * @param boarded whether the person boarded the first flight (the only one that departs)
     */
    public String expectedFinalState(boolean boarded) {
        if (reviewPlan == ReviewPlan.WITHDRAW) {
            return "WITHDRAWN";
        }
        if (reviewPlan == ReviewPlan.AWAIT_COURT) {
            return "LEGAL_REVIEW";
        }
        if (consentRequired() && (consentPlan == ConsentPlan.DECLINE || consentWithdrawn)) {
            return "WITHDRAWN";
        }
        return boarded ? "REMOVED" : "NOTIFIED";
    }

    @Override
    public String toString() {
        return operationKey + "#" + number + "(" + trait + (caseNumber == null ? "" : ", " + caseNumber) + ")";
    }
}
