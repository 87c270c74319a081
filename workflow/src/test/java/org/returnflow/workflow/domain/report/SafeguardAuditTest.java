package org.returnflow.workflow.domain.report;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.report.CaseFile.Blocker;
import org.returnflow.workflow.domain.report.CaseFile.Consent;
import org.returnflow.workflow.domain.report.CaseFile.Decision;
import org.returnflow.workflow.domain.report.CaseFile.Override;
import org.returnflow.workflow.domain.report.CaseFile.Request;
import org.returnflow.workflow.domain.report.CaseFile.Requirement;
import org.returnflow.workflow.domain.report.OperationReport.Finding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit finds each kind of violation in records that contain one, and none in records of a case
 * that went by the rules: every rule can fail.
 */
class SafeguardAuditTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final UUID FLIGHT = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    private static final Instant DEPARTS = T0.plus(Duration.ofDays(4));

    @Test
    void aCaseThatWentByTheRulesPassesEveryRule() {
        Map<String, Finding> findings = audit(removedByTheRules().build());

        assertThat(findings.values()).allSatisfy(f -> assertThat(f.violations()).as(f.rule() + " " + f.violations()).isEmpty());
        assertThat(findings.get("S4").checked()).startsWith("1 seats held after notice or boarded: 3 notices");
        assertThat(findings.get("S5").checked()).startsWith("1 boarded");
        assertThat(findings.get("S3").checked()).startsWith("1 voluntary cases");
    }

    @Test
    void s1BookingOrBoardingUnderAHoldAndAHoldThatLeftTheSeatHeld() {
        CaseFileBuilder booked = removedByTheRules();
        booked.blocker("ACTIVE_LEGAL_HOLD", "LEGAL_HOLD_PLACED", T0.plusSeconds(5), null, null);
        Map<String, Finding> findings = audit(booked.build());

        assertThat(findings.get("S1").status()).isEqualTo("FAIL");
        assertThat(findings.get("S1").violations()).anyMatch(v -> v.contains("BookSeat sent at"))
                .anyMatch(v -> v.contains("boarded RF101"));

        CaseFileBuilder kept = notifiedByTheRules();
        kept.blocker("ACTIVE_LEGAL_HOLD", "LEGAL_HOLD_PLACED", T0.plus(Duration.ofHours(3)), null, null);
        assertThat(audit(kept.build()).get("S1").violations()).singleElement().asString().contains("is still held");
    }

    @Test
    void s2AndS10FourEyesMeanTwoDifferentUsersBeforeTheBooking() {
        CaseFileBuilder noApproval = removedByTheRules();
        noApproval.blocker("VALID_RESIDENCE_PERMIT", "ASSESSMENT", T0.plusSeconds(5), null, null);
        assertThat(audit(noApproval.build()).get("S2").violations()).anyMatch(v -> v.contains("without a legal review and a supervisor"));

        CaseFileBuilder approvedLate = removedByTheRules();
        approvedLate.blocker("UNACCOMPANIED_MINOR", "ASSESSMENT", T0.plusSeconds(5), null, null);
        approvedLate.fourEyes("UNACCOMPANIED_MINOR", "reviewer1", "supervisor1", T0.plus(Duration.ofDays(1)));
        assertThat(audit(approvedLate.build()).get("S10").status()).isEqualTo("FAIL");

        CaseFileBuilder approved = removedByTheRules();
        approved.blocker("UNACCOMPANIED_MINOR", "ASSESSMENT", T0.plusSeconds(5), null, null);
        approved.fourEyes("UNACCOMPANIED_MINOR", "reviewer1", "supervisor1", T0.plusSeconds(30));
        Finding s10 = audit(approved.build()).get("S10");
        assertThat(s10.violations()).isEmpty();
        assertThat(s10.checked()).startsWith("1 cases met a minor without a guardian (UNACCOMPANIED_MINOR): 1 booked");
    }

    @Test
    void s3VoluntaryNeedsEvidenceAndAnInterpreterAcrossLanguagesAndAWithdrawalReleasesTheSeat() {
        CaseFileBuilder noInterpreter = removedByTheRules();
        noInterpreter.consent = new Consent(UUID.randomUUID(), "GIVEN", "officer-7", "en", null, "ab".repeat(32), T0);
        assertThat(audit(noInterpreter.build()).get("S3").violations()).singleElement().asString()
                .contains("no interpreter is named");

        CaseFileBuilder noHash = removedByTheRules();
        noHash.consent = new Consent(UUID.randomUUID(), "GIVEN", "officer-7", "fa", null, "not-a-hash", T0);
        assertThat(audit(noHash.build()).get("S3").violations()).singleElement().asString().contains("evidence hash");

        CaseFileBuilder kept = notifiedByTheRules();
        kept.voluntary = false;
        kept.consent = new Consent(UUID.randomUUID(), "WITHDRAWN", null, null, null, null, T0.plus(Duration.ofHours(3)));
        kept.line(T0.plus(Duration.ofHours(3)), "consent-service", "CONSENT_WITHDRAWN", "consent withdrawn");
        kept.requirement = new Requirement(true, true, 72, true);
        assertThat(audit(kept.build()).get("S3").violations()).hasSize(2)
                .anyMatch(v -> v.contains("still held")).anyMatch(v -> v.contains("consent is required"));
    }

    @Test
    void s4LateMissingOrUnreadableNotices() {
        CaseFileBuilder late = removedByTheRules();
        late.requirement = new Requirement(false, false, 120, true);
        assertThat(audit(late.build()).get("S4").violations()).hasSize(3).allMatch(v -> v.contains("less than 120 h"));

        CaseFileBuilder noCounsel = removedByTheRules();
        noCounsel.requests.removeIf(r -> "COUNSEL".equals(r.scope()));
        assertThat(audit(noCounsel.build()).get("S4").violations()).singleElement().asString()
                .contains("no delivered notice to COUNSEL");

        CaseFileBuilder fallback = removedByTheRules();
        fallback.line(T0.plus(Duration.ofHours(2)), "notification-service", "NOTIFICATION_DELIVERED",
                "CASE_BOOKED notice " + UUID.randomUUID() + " delivered to DETAINEE in en (fallback locale) at "
                        + T0.plus(Duration.ofHours(2)) + " about flight " + FLIGHT);
        assertThat(audit(fallback.build()).get("S4").violations()).singleElement().asString().contains("for want of a template");
    }

    @Test
    void s5AndS9BoardingNeedsACleanFinalCheckForTheDepartureDate() {
        CaseFileBuilder unchecked = removedByTheRules();
        unchecked.requests.removeIf(r -> "FINAL".equals(r.detail()));
        Map<String, Finding> findings = audit(unchecked.build());
        assertThat(findings.get("S5").violations()).anyMatch(v -> v.contains("without an answered final check"));
        assertThat(findings.get("S9").violations()).anyMatch(v -> v.contains("without an answered final check"));

        CaseFileBuilder unpacked = removedByTheRules();
        UUID finalCheck = unpacked.requests.stream().filter(r -> "FINAL".equals(r.detail())).findFirst().orElseThrow().requestId();
        unpacked.blocker("PROPERTY_NOT_RECONCILED", "ASSESSMENT", T0.plus(Duration.ofHours(5)), T0.plus(Duration.ofHours(5).plusSeconds(1)),
                finalCheck);
        assertThat(audit(unpacked.build()).get("S9").violations()).singleElement().asString()
                .contains("its final check found PROPERTY_NOT_RECONCILED");

        CaseFileBuilder wrongDate = removedByTheRules();
        wrongDate.line(T0.plus(Duration.ofHours(5)), "detention-service", "ELIGIBILITY_ASSESSED",
                "FINAL assessment for IRN on 2026-12-24: eligible");
        assertThat(audit(wrongDate.build()).get("S5").violations()).singleElement().asString().contains("was for 2026-12-24");
    }

    @Test
    void s6S7AndS8() {
        CaseFileBuilder notCovered = removedByTheRules();
        notCovered.requirement = new Requirement(true, true, 72, true);
        notCovered.blocker("THIRD_COUNTRY_NOT_AGREED", "ASSESSMENT", T0.plusSeconds(5), null, null);
        assertThat(audit(notCovered.build()).get("S6").status()).isEqualTo("FAIL");

        CaseFileBuilder twice = notifiedByTheRules();
        // the same notice announced again (the case rebooked on the same flight) is one notice ...
        twice.line(T0.plus(Duration.ofHours(2)), "notification-service", "NOTIFICATION_DELIVERED",
                "CASE_BOOKED notice 5d1f0e2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f delivered to DETAINEE in fa at " + T0 + " about flight " + FLIGHT);
        assertThat(audit(twice.build()).get("S7").violations()).isEmpty();
        // ... another notice of the same key is a second e-mail
        twice.line(T0.plus(Duration.ofHours(3)), "notification-service", "NOTIFICATION_DELIVERED",
                "CASE_BOOKED notice 6e2a1f3d-4c5b-4d6e-9f70-8b9c0d1e2f3a delivered to DETAINEE in fa at " + T0 + " about flight " + FLIGHT);
        CaseFile one = twice.build();
        CaseFileBuilder sameSeat = notifiedByTheRules();
        sameSeat.caseId = UUID.randomUUID();
        CaseFile two = sameSeat.build();
        Map<UUID, List<UUID>> open = Map.of(one.detaineeId(), List.of(one.caseId(), UUID.randomUUID()));
        List<Finding> findings = SafeguardAudit.check(List.of(one, two), Map.of(one.caseId(), CaseHistoryFacts.of(one),
                two.caseId(), CaseHistoryFacts.of(two)), open);
        assertThat(findings.get(6).violations()).anyMatch(v -> v.contains("has 2 open cases"))
                .anyMatch(v -> v.startsWith("seat 12A on RF101 held by cases"))
                .anyMatch(v -> v.contains("2 notices [5d1f0e2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f, 6e2a1f3d-4c5b-4d6e-9f70-8b9c0d1e2f3a] "
                        + "delivered to DETAINEE CASE_BOOKED about flight " + FLIGHT));

        CaseFileBuilder unjustified = removedByTheRules();
        unjustified.decisions.add(new Decision(9, "LEGAL_REVIEW", "RECHECK", "system", T0.plusSeconds(9), " "));
        assertThat(audit(unjustified.build()).get("S8").violations()).hasSize(3)
                .anyMatch(v -> v.contains("names no user")).anyMatch(v -> v.contains("no justification"))
                .anyMatch(v -> v.contains("in the history"));
    }

    // ---- a case as the process leaves it ----

    /** Described with counsel, consent given in Persian with evidence, booked on RF101, notified, finally checked, boarded, removed. */
    private static CaseFileBuilder removedByTheRules() {
        CaseFileBuilder b = notifiedByTheRules();
        b.state = CaseState.REMOVED;
        b.request("AssessEligibility", "", "FINAL", null, T0.plus(Duration.ofHours(5)), "EligibilityAssessed", null);
        b.line(T0.plus(Duration.ofHours(5)), "detention-service", "ELIGIBILITY_ASSESSED", "FINAL assessment for IRN on "
                + DEPARTS.toString().substring(0, 10) + ": eligible");
        b.line(T0.plus(Duration.ofHours(6)), "flight-service", "PASSENGER_BOARDED", "boarded flight " + FLIGHT + " at " + T0);
        b.line(T0.plus(Duration.ofHours(7)), "flight-service", "HANDOVER_CONFIRMED", "handed over from flight " + FLIGHT + " at " + T0);
        return b;
    }

    private static CaseFileBuilder notifiedByTheRules() {
        CaseFileBuilder b = new CaseFileBuilder();
        b.line(T0, "removal-operations", "CASE_OPENED", null);
        b.line(T0.plusSeconds(1), "detention-service", "DETAINEE_DESCRIBED", "nationality IRN, language fa, facility LA-ASF, "
                + "IN_CUSTODY, detained since 2025-03-01, counsel of record");
        b.request("AssessEligibility", "", "INITIAL", null, T0.plusSeconds(2), "EligibilityAssessed", null);
        b.request("BookSeat", "", null, null, T0.plusSeconds(60), "SeatBooked", null);
        b.line(T0.plusSeconds(61), "flight-service", "SEAT_BOOKED", "seat 12A on RF101 (flight " + FLIGHT + ") AEX-DOH-IKA, departing " + DEPARTS);
        for (String recipient : List.of("DETAINEE", "COUNSEL", "CONSULATE")) {
            b.request("SendNotification", recipient, "CASE_BOOKED", FLIGHT, T0.plusSeconds(70), "NotificationDelivered",
                    T0.plus(Duration.ofHours(1)));
        }
        b.line(T0.plus(Duration.ofHours(1)), "notification-service", "NOTIFICATION_DELIVERED",
                "CASE_BOOKED notice 5d1f0e2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f delivered to DETAINEE in fa at " + T0 + " about flight " + FLIGHT);
        b.seat = new CaseFile.Seat(FLIGHT, "12A", "RF101", DEPARTS, "AEX-DOH-IKA", T0.plusSeconds(61));
        return b;
    }

    private static Map<String, Finding> audit(CaseFile file) {
        Map<String, Finding> byRule = new LinkedHashMap<>();
        SafeguardAudit.check(List.of(file), Map.of(file.caseId(), CaseHistoryFacts.of(file)),
                Map.of(file.detaineeId(), List.of(file.caseId()))).forEach(f -> byRule.put(f.rule(), f));
        return byRule;
    }

    /** A case file to edit before building it. */
    static final class CaseFileBuilder {
        UUID caseId = UUID.fromString("0b8f6a52-52a4-4d0e-9a4b-7c1f0d2e3a41");
        UUID detaineeId = UUID.fromString("1c9a7b63-63b5-4e1f-8b52-8d2e1f3a4b52");
        CaseState state = CaseState.NOTIFIED;
        Boolean voluntary = true;
        Requirement requirement = new Requirement(false, false, 72, true);
        Consent consent = new Consent(UUID.randomUUID(), "GIVEN", "officer-7", "fa", null, "ab".repeat(32), T0.plusSeconds(30));
        final List<Blocker> blockers = new ArrayList<>();
        final List<Decision> decisions = new ArrayList<>();
        final List<Override> overrides = new ArrayList<>();
        final List<Request> requests = new ArrayList<>();
        final List<HistoryEntry> history = new ArrayList<>();
        CaseFile.Seat seat;

        void line(Instant at, String actor, String kind, String detail) {
            history.add(new HistoryEntry(at, actor, kind, detail));
        }

        void request(String command, String scope, String detail, UUID flightId, Instant sentAt, String answer, Instant deliveredAt) {
            requests.add(new Request(UUID.randomUUID(), requests.size() + 1, command, scope, detail, flightId, sentAt, null,
                    sentAt.plusSeconds(1), answer, deliveredAt));
        }

        void blocker(String code, String source, Instant recordedAt, Instant clearedAt, UUID sourceRequest) {
            blockers.add(new Blocker(blockers.size() + 1, code, source, sourceRequest, recordedAt, clearedAt));
        }

        void fourEyes(String code, String reviewer, String supervisor, Instant approvedAt) {
            decisions.add(new Decision(1, "LEGAL_REVIEW", "PROCEED", reviewer, approvedAt.minusSeconds(5), "weighed"));
            decisions.add(new Decision(2, "SUPERVISOR_APPROVAL", "APPROVE", supervisor, approvedAt, "approved"));
            line(approvedAt.minusSeconds(5), reviewer, "LEGAL_REVIEW_DECIDED", "decision=PROCEED");
            line(approvedAt, supervisor, "SUPERVISOR_DECIDED", "decision=APPROVE");
            overrides.add(new Override(code, reviewer, supervisor, approvedAt));
        }

        CaseFile build() {
            List<HistoryEntry> ordered = history.stream().sorted(java.util.Comparator.comparing(HistoryEntry::at)).toList();
            return new CaseFile(caseId, detaineeId, state, voluntary, "LA-ASF", T0, state == CaseState.REMOVED
                    ? T0.plus(Duration.ofHours(8)) : null, requirement, consent, List.copyOf(blockers), List.copyOf(decisions),
                    List.copyOf(overrides), List.copyOf(requests), seat, ordered);
        }
    }
}
