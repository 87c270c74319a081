package org.returnflow.workflow.domain.report;

import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.report.CaseFile.Request;
import org.returnflow.workflow.domain.report.CaseHistoryFacts.Delivery;
import org.returnflow.workflow.domain.report.CaseHistoryFacts.SeatSpan;
import org.returnflow.workflow.domain.report.OperationReport.Finding;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The safeguards S1–S10 of DESIGN.md, checked against what the workflow recorded for an operation's
 * cases: every command it sent (a booking is a {@code BookSeat}), every blocker and when it stood,
 * every decision and override, the consent that stands, the seats from the history, and each
 * notice's delivery. A finding lists each violation by case id; what a rule asks that only another
 * service holds is said in its {@code notVisible}, never guessed.
 */
public final class SafeguardAudit {

    static final String BOOK_SEAT = MessageCatalog.byClass(BookSeat.class).name();
    static final String SEND_NOTIFICATION = MessageCatalog.byClass(SendNotification.class).name();
    static final String ASSESS_ELIGIBILITY = MessageCatalog.byClass(AssessEligibility.class).name();
    private static final String HOLD = BlockerCode.ACTIVE_LEGAL_HOLD.name();
    private static final Set<CaseState> NOTIFIED_OR_LATER = Set.of(CaseState.NOTIFIED, CaseState.BOARDED, CaseState.REMOVED);

    private final List<CaseFile> files;
    private final Map<UUID, CaseHistoryFacts> facts;
    private final Map<UUID, List<UUID>> openCasesByPerson;

    private SafeguardAudit(List<CaseFile> files, Map<UUID, CaseHistoryFacts> facts, Map<UUID, List<UUID>> openCasesByPerson) {
        this.files = files;
        this.facts = facts;
        this.openCasesByPerson = openCasesByPerson;
    }

    /**
     * @param openCasesByPerson every open case of the operation's people, in any operation
     */
    public static List<Finding> check(List<CaseFile> files, Map<UUID, CaseHistoryFacts> facts,
                                      Map<UUID, List<UUID>> openCasesByPerson) {
        SafeguardAudit audit = new SafeguardAudit(files, facts, openCasesByPerson);
        return List.of(audit.s1(), audit.s2(), audit.s3(), audit.s4(), audit.s5(), audit.s6(), audit.s7(), audit.s8(),
                audit.s9(), audit.s10());
    }

    private CaseHistoryFacts facts(CaseFile file) {
        return facts.get(file.caseId());
    }

    // ---- S1 ----

    Finding s1() {
        List<String> violations = new ArrayList<>();
        int met = 0;
        int whileHeld = 0;
        int released = 0;
        int refused = 0;
        for (CaseFile file : files) {
            if (file.blockers(HOLD).isEmpty()) {
                continue;
            }
            met++;
            blockedBookingsAndBoardings(file, HOLD, "an active legal hold", violations);
            Set<SeatSpan> counted = new HashSet<>();
            for (CaseFile.Blocker hold : file.blockers(HOLD)) {
                for (SeatSpan span : facts(file).seats()) {
                    if (!span.heldAt(hold.recordedAt()) || !counted.add(span)) {
                        continue;
                    }
                    whileHeld++;
                    if (span.boardedAt() != null && span.boardedAt().isAfter(hold.recordedAt())) {
                        violations.add(file.caseId() + ": a legal hold came at " + hold.recordedAt() + " while seat "
                                + span.seat() + " on " + span.flightNumber() + " was held; boarded anyway at " + span.boardedAt());
                    } else if (span.held()) {
                        violations.add(file.caseId() + ": a legal hold came at " + hold.recordedAt() + "; seat " + span.seat()
                                + " on " + span.flightNumber() + " is still held");
                    } else {
                        released++;
                    }
                }
            }
            refused += (int) facts(file).refusals().stream().filter(r -> mentions(r, "PROCEED") && mentions(r, HOLD)).count();
        }
        return Finding.of("S1", "no seat booked and nobody boarded under an active legal hold",
                met + " cases met an active legal hold; " + whileHeld + " holds came while a seat was held, "
                        + released + " of those seats released before boarding; every booking and boarding checked "
                        + "against the holds; " + refused + " PROCEED past an active hold refused",
                violations, "Holds detention records but never reports to a case (for instance one placed after the case "
                        + "ended) and a hold's kind are detention's.");
    }

    // ---- S2 and S10: four eyes past an overridable blocker ----

    Finding s2() {
        return fourEyes("S2", BlockerCode.VALID_RESIDENCE_PERMIT.name(), "a residence permit valid on the departure date",
                "nobody with a residence permit valid on the departure date booked without review and a second approver",
                "The permits and their dates are detention's: the workflow sees a permit only as VALID_RESIDENCE_PERMIT "
                        + "in detention's answer for the date it asked (the earliest departure at the first check, the "
                        + "flight's date at the manifest lock).");
    }

    Finding s10() {
        return fourEyes("S10", BlockerCode.UNACCOMPANIED_MINOR.name(), "a minor without a guardian",
                "no unaccompanied minor booked without review and a second approver",
                "Ages and guardians are detention's: a minor with a linked guardian in custody is not blocked, and "
                        + "whether that guardian travels on the same operation is not visible to the workflow.");
    }

    private Finding fourEyes(String rule, String code, String what, String statement, String notVisible) {
        List<String> violations = new ArrayList<>();
        int met = 0;
        int booked = 0;
        int withdrawn = 0;
        int inReview = 0;
        for (CaseFile file : files) {
            if (file.blockers(code).isEmpty()) {
                continue;
            }
            met++;
            boolean bookedPast = false;
            for (Request booking : file.requests(BOOK_SEAT)) {
                if (!file.blockedAt(code, booking.sentAt())) {
                    continue;
                }
                if (file.overrideAt(code, booking.sentAt()).isEmpty()) {
                    violations.add(file.caseId() + ": BookSeat sent at " + booking.sentAt() + " past " + code
                            + " without a legal review and a supervisor approval by another user");
                } else {
                    bookedPast = true;
                }
            }
            for (SeatSpan span : facts(file).seats()) {
                if (span.boardedAt() != null && file.blockedAt(code, span.boardedAt())
                        && file.overrideAt(code, span.boardedAt()).isEmpty()) {
                    violations.add(file.caseId() + ": boarded " + span.flightNumber() + " at " + span.boardedAt()
                            + " past " + code + " without four eyes");
                }
            }
            for (CaseFile.Override override : file.overrides()) {
                if (!override.code().equals(code)) {
                    continue;
                }
                if (override.reviewer().equals(override.supervisor())) {
                    violations.add(file.caseId() + ": " + code + " reviewed and approved by the same user " + override.reviewer());
                }
                boolean reviewed = file.decisions().stream().anyMatch(d -> "LEGAL_REVIEW".equals(d.kind())
                        && "PROCEED".equals(d.decision()) && d.actor().equals(override.reviewer())
                        && !d.decidedAt().isAfter(override.approvedAt()));
                boolean approved = file.decisions().stream().anyMatch(d -> "SUPERVISOR_APPROVAL".equals(d.kind())
                        && "APPROVE".equals(d.decision()) && d.actor().equals(override.supervisor())
                        && !d.decidedAt().isAfter(override.approvedAt()));
                if (!reviewed || !approved) {
                    violations.add(file.caseId() + ": the override of " + code + " has no recorded "
                            + (reviewed ? "supervisor approval" : "legal review PROCEED") + " behind it");
                }
            }
            booked += bookedPast ? 1 : 0;
            withdrawn += file.state() == CaseState.WITHDRAWN ? 1 : 0;
            inReview += file.state() == CaseState.LEGAL_REVIEW ? 1 : 0;
        }
        return Finding.of(rule, statement, met + " cases met " + what + " (" + code + "): " + booked
                        + " booked, each after a legal review and a supervisor approval by another user; " + withdrawn
                        + " withdrawn; " + inReview + " in legal review", violations, notVisible);
    }

    // ---- S3 ----

    Finding s3() {
        List<String> violations = new ArrayList<>();
        int voluntary = 0;
        int interpreted = 0;
        int withdrawals = 0;
        int seatsReleased = 0;
        int unevidenced = 0;
        for (CaseFile file : files) {
            CaseFile.Consent consent = file.consent();
            unevidenced += facts(file).consentsRefusedWithoutEvidence();
            if (Boolean.TRUE.equals(file.voluntary())) {
                voluntary++;
                String problem = givenProblem(consent, facts(file).described().map(CaseHistoryFacts.Described::language));
                if (problem != null) {
                    violations.add(file.caseId() + ": voluntary, but " + problem);
                } else if (consent.interpreter() != null && !consent.interpreter().isBlank()) {
                    interpreted++;
                }
            }
            Optional<Instant> withdrawnAt = facts(file).consentWithdrawnAt()
                    .or(() -> consent != null && "WITHDRAWN".equals(consent.standing())
                            ? Optional.of(consent.recordedAt()) : Optional.empty());
            if (withdrawnAt.isEmpty()) {
                continue;
            }
            withdrawals++;
            Instant at = withdrawnAt.get();
            if (Boolean.TRUE.equals(file.voluntary())) {
                violations.add(file.caseId() + ": still voluntary after consent was withdrawn at " + at);
            }
            for (SeatSpan span : facts(file).seats()) {
                if (!span.heldAt(at)) {
                    continue;
                }
                if (span.boardedAt() != null && span.boardedAt().isAfter(at)) {
                    violations.add(file.caseId() + ": consent withdrawn at " + at + ", boarded " + span.flightNumber()
                            + " anyway at " + span.boardedAt());
                } else if (span.held()) {
                    violations.add(file.caseId() + ": consent withdrawn at " + at + ", seat " + span.seat() + " on "
                            + span.flightNumber() + " still held");
                } else {
                    seatsReleased++;
                }
            }
            if (file.requirement() != null && file.requirement().requiresConsent() && file.state() != CaseState.WITHDRAWN) {
                violations.add(file.caseId() + ": consent is required and was withdrawn, but the case is " + file.state());
            }
        }
        return Finding.of("S3", "voluntary only with a ConsentGiven naming officer, language, interpreter and evidence; "
                        + "withdrawals honoured", voluntary + " voluntary cases, each with a standing ConsentGiven naming "
                        + "officer, language and an evidence hash (" + interpreted + " through an interpreter); " + withdrawals
                        + " withdrawals honoured, " + seatsReleased + " seats released; " + unevidenced
                        + " ConsentGiven without evidence not taken",
                violations, "The consent request and its history (who recorded each decision) are consent's.");
    }

    private static String givenProblem(CaseFile.Consent consent, Optional<String> personsLanguage) {
        if (consent == null || !"GIVEN".equals(consent.standing())) {
            return "no ConsentGiven stands (" + (consent == null ? "none recorded" : consent.standing()) + ")";
        }
        if (blank(consent.officer())) {
            return "the ConsentGiven names no officer";
        }
        if (blank(consent.language())) {
            return "the ConsentGiven names no language";
        }
        if (consent.evidenceSha256() == null || !consent.evidenceSha256().matches("[0-9a-f]{64}")) {
            return "the ConsentGiven has no SHA-256 evidence hash";
        }
        if (personsLanguage.isPresent() && !primary(consent.language()).equals(primary(personsLanguage.get()))
                && blank(consent.interpreter())) {
            return "consent given in " + consent.language() + ", the person reads " + personsLanguage.get()
                    + ", and no interpreter is named";
        }
        return null;
    }

    // ---- S4 ----

    Finding s4() {
        List<String> violations = new ArrayList<>();
        int seats = 0;
        int inTime = 0;
        int awaiting = 0;
        for (CaseFile file : files) {
            CaseHistoryFacts story = facts(file);
            for (SeatSpan span : story.seats()) {
                boolean counts = span.boardedAt() != null || span.held() && NOTIFIED_OR_LATER.contains(file.state());
                if (!counts) {
                    awaiting += span.held() && file.state() == CaseState.BOOKED ? 1 : 0;
                    continue;
                }
                seats++;
                if (file.requirement() == null || span.departureAt() == null) {
                    violations.add(file.caseId() + ": " + (file.requirement() == null ? "no noticeHours recorded"
                            : "the departure of " + span.flightNumber() + " is not known"));
                    continue;
                }
                int hours = file.requirement().noticeHours();
                Instant latest = span.departureAt().minus(Duration.ofHours(hours));
                List<String> recipients = new ArrayList<>(List.of("DETAINEE", "CONSULATE"));
                Optional<CaseHistoryFacts.Described> described = story.described();
                if (described.isEmpty()) {
                    violations.add(file.caseId() + ": the person was never described, so counsel of record is not known");
                } else if (described.get().counsel()) {
                    recipients.add("COUNSEL");
                }
                for (String recipient : recipients) {
                    Optional<Request> notice = file.requests(SEND_NOTIFICATION).stream()
                            .filter(r -> recipient.equals(r.scope()) && span.flightId().equals(r.flightId())
                                    && r.supersededAt() == null && r.deliveredAt() != null)
                            .max(Comparator.comparingLong(Request::seq));
                    if (notice.isEmpty()) {
                        violations.add(file.caseId() + ": no delivered notice to " + recipient + " about " + span.flightNumber());
                    } else if (notice.get().deliveredAt().isAfter(latest)) {
                        violations.add(file.caseId() + ": " + recipient + " told at " + notice.get().deliveredAt()
                                + ", less than " + hours + " h before " + span.flightNumber() + " departs at " + span.departureAt());
                    } else {
                        inTime++;
                    }
                }
                story.deliveries().stream()
                        .filter(d -> "DETAINEE".equals(d.recipient()) && span.flightId().equals(d.flightId()))
                        .reduce((a, b) -> b).filter(Delivery::fallback)
                        .ifPresent(d -> violations.add(file.caseId() + ": the person's notice about " + span.flightNumber()
                                + " was written in " + d.locale() + " for want of a template in "
                                + described.map(CaseHistoryFacts.Described::language).orElse("their language")));
            }
        }
        return Finding.of("S4", "person, counsel and consulate told at least noticeHours before departure, in the "
                        + "person's language", seats + " seats held after notice or boarded: " + inTime
                        + " notices to person, counsel and consulate delivered at least noticeHours before departure, "
                        + "each person's in a language they read; " + awaiting + " booked cases still awaiting their notices",
                violations, "Whether a template was a reviewed translation or a draft, and the e-mail itself, are "
                        + "notification's; the departure is the one the seat carries, not the actual take-off, which is flight's.");
    }

    // ---- S5 and S9: the final check before boarding ----

    Finding s5() {
        List<String> violations = new ArrayList<>();
        Set<String> codes = Set.of(BlockerCode.NOT_FIT_TO_FLY.name(), BlockerCode.NO_TRAVEL_DOCUMENT.name());
        int boarded = 0;
        int fixed = 0;
        for (CaseFile file : files) {
            for (String code : codes) {
                blockedBookingsAndBoardings(file, code, code, violations);
            }
            boolean metAndBooked = file.blockers().stream().anyMatch(b -> codes.contains(b.code()))
                    && file.requests(BOOK_SEAT).stream().anyMatch(r -> codes.stream().noneMatch(c -> file.blockedAt(c, r.sentAt())));
            fixed += metAndBooked ? 1 : 0;
            for (SeatSpan span : facts(file).seats()) {
                if (span.boardedAt() == null) {
                    continue;
                }
                boarded++;
                finalCheckProblem(file, span, codes).ifPresent(p -> violations.add(file.caseId() + ": " + p));
                if (span.departureAt() != null) {
                    LocalDate departs = LocalDate.ofInstant(span.departureAt(), ZoneOffset.UTC);
                    facts(file).assessments().stream()
                            .filter(a -> "FINAL".equals(a.stage()) && !a.at().isAfter(span.boardedAt()))
                            .reduce((a, b) -> b)
                            .filter(a -> !a.onDate().equals(departs))
                            .ifPresent(a -> violations.add(file.caseId() + ": the final check before boarding "
                                    + span.flightNumber() + " was for " + a.onDate() + ", the flight departs on " + departs));
                }
            }
        }
        return Finding.of("S5", "fit to fly and a travel document valid on the departure date",
                boarded + " boarded, each after a final check for the departure date that found them fit to fly and "
                        + "documented; no booking while unfit or undocumented; " + fixed
                        + " cases blocked for a clearance or a document were booked after the record was fixed",
                violations, "The clearances and travel documents and their dates are detention's: the workflow sees them "
                        + "only as detention's eligibility answer for the date it asked.");
    }

    Finding s9() {
        List<String> violations = new ArrayList<>();
        String code = BlockerCode.PROPERTY_NOT_RECONCILED.name();
        int boarded = 0;
        int offloaded = 0;
        for (CaseFile file : files) {
            blockedBookingsAndBoardings(file, code, "an unreconciled item", violations);
            for (SeatSpan span : facts(file).seats()) {
                offloaded += ("OFFLOADED_" + code).equals(span.releaseReason()) ? 1 : 0;
                if (span.boardedAt() != null) {
                    boarded++;
                    finalCheckProblem(file, span, Set.of(code)).ifPresent(p -> violations.add(file.caseId() + ": " + p));
                }
            }
        }
        return Finding.of("S9", "property and identity documents travel with the person; unreconciled entries not boarded",
                boarded + " boarded, each after a final check that found every item held in custody packed; " + offloaded
                        + " offloaded for an unreconciled item", violations,
                "The items, their packing and their handover at arrival are detention's (GET /api/detainees/{id}).");
    }

    /**
     * Why boarding this seat was not preceded by a clean final check: the newest FINAL eligibility
     * request answered before boarding, and none of {@code codes} among the blockers its answer recorded.
     */
    private Optional<String> finalCheckProblem(CaseFile file, SeatSpan span, Set<String> codes) {
        Optional<Request> check = file.requests(ASSESS_ELIGIBILITY).stream()
                .filter(r -> "FINAL".equals(r.detail()) && r.answeredAt() != null && !r.answeredAt().isAfter(span.boardedAt()))
                .max(Comparator.comparingLong(Request::seq));
        if (check.isEmpty()) {
            return Optional.of("boarded " + span.flightNumber() + " at " + span.boardedAt() + " without an answered final check");
        }
        List<String> found = file.blockers().stream()
                .filter(b -> check.get().requestId().equals(b.sourceRequest()) && codes.contains(b.code()))
                .map(CaseFile.Blocker::code).distinct().toList();
        return found.isEmpty() ? Optional.empty() : Optional.of("boarded " + span.flightNumber() + " although its final check found "
                + String.join(", ", found));
    }

    // ---- S6 ----

    Finding s6() {
        List<String> violations = new ArrayList<>();
        String code = BlockerCode.THIRD_COUNTRY_NOT_AGREED.name();
        Set<String> booked = new TreeSet<>();
        Map<String, Integer> refused = new TreeMap<>();
        int thirdCountry = 0;
        int bookedCases = 0;
        for (CaseFile file : files) {
            if (file.requirement() == null || !file.requirement().thirdCountry()) {
                continue;
            }
            thirdCountry++;
            String nationality = facts(file).described().map(CaseHistoryFacts.Described::nationality).orElse("unknown");
            blockedBookingsAndBoardings(file, code, "no agreement covering the nationality", violations);
            if (!file.blockers(code).isEmpty()) {
                refused.merge(nationality, 1, Integer::sum);
            } else if (!facts(file).seats().isEmpty()) {
                bookedCases++;
                booked.add(nationality);
            }
        }
        return Finding.of("S6", "third-country removals only under an agreement covering the nationality",
                thirdCountry + " third-country cases: " + bookedCases + " booked, of covered nationalities " + booked
                        + "; not covered, never booked: " + (refused.isEmpty() ? "none" : refused.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))),
                violations, "The agreements and the nationalities they cover are detention's configuration.");
    }

    // ---- S7 ----

    Finding s7() {
        List<String> violations = new ArrayList<>();
        openCasesByPerson.forEach((person, open) -> {
            if (open.size() > 1) {
                violations.add("detainee " + person + " has " + open.size() + " open cases: " + open);
            }
        });
        Map<UUID, List<Held>> byFlight = new HashMap<>();
        for (CaseFile file : files) {
            List<SeatSpan> seats = facts(file).seats();
            for (int i = 0; i < seats.size(); i++) {
                for (int j = i + 1; j < seats.size(); j++) {
                    if (seats.get(i).overlaps(seats.get(j))) {
                        violations.add(file.caseId() + ": held seat " + seats.get(i).seat() + " on " + seats.get(i).flightNumber()
                                + " and seat " + seats.get(j).seat() + " on " + seats.get(j).flightNumber() + " at once");
                    }
                }
                byFlight.computeIfAbsent(seats.get(i).flightId(), k -> new ArrayList<>()).add(new Held(file.caseId(), seats.get(i)));
            }
        }
        long peak = 0;
        for (List<Held> held : byFlight.values()) {
            peak = Math.max(peak, mostHeldAtOnce(held.stream().map(Held::span).toList()));
            Map<String, List<Held>> bySeat = held.stream().filter(h -> h.span().seat() != null)
                    .collect(Collectors.groupingBy(h -> h.span().seat()));
            bySeat.forEach((seat, holders) -> {
                for (int i = 0; i < holders.size(); i++) {
                    for (int j = i + 1; j < holders.size(); j++) {
                        Held a = holders.get(i);
                        Held b = holders.get(j);
                        if (!a.caseId().equals(b.caseId()) && a.span().overlaps(b.span())) {
                            violations.add("seat " + seat + " on " + a.span().flightNumber() + " held by cases " + a.caseId()
                                    + " and " + b.caseId() + " at once");
                        }
                    }
                }
            });
        }
        // Notification keeps one notice per case, recipient, template and flight: a command sent again
        // (the case rebooked on the same flight) is answered with the same notice, announced again.
        // Two notices of one key are two e-mails.
        Set<String> notices = new HashSet<>();
        for (CaseFile file : files) {
            Map<String, Set<String>> byKey = new TreeMap<>();
            for (Delivery d : facts(file).deliveries()) {
                notices.add(d.notificationId());
                byKey.computeIfAbsent(d.recipient() + " " + d.template() + " about flight " + d.flightId(), k -> new TreeSet<>())
                        .add(d.notificationId());
            }
            byKey.forEach((key, ids) -> {
                if (ids.size() > 1) {
                    violations.add(file.caseId() + ": " + ids.size() + " notices " + ids + " delivered to " + key);
                }
            });
        }
        return Finding.of("S7", "one open case and one seat per person, no seat held twice, no notice delivered twice",
                openCasesByPerson.size() + " people with an open case, none with two; " + byFlight.size()
                        + " flights, at most " + peak + " seats of this operation held at once on one; no case held two seats "
                        + "and no seat was held by two cases; " + notices.size() + " notices delivered, none twice",
                violations, "A flight's capacity and escort seats, and the seats other operations hold, are flight's "
                        + "(GET /api/flights/{id}/manifest); a second case for a person is refused by the database's unique "
                        + "index, which a report cannot replay.");
    }

    /** A seat and the case that held it. */
    private record Held(UUID caseId, SeatSpan span) {
    }

    /** The most spans held at one time; a release and a booking at the same instant do not overlap. */
    static long mostHeldAtOnce(List<SeatSpan> spans) {
        TreeMap<Instant, Long> changes = new TreeMap<>();
        for (SeatSpan span : spans) {
            changes.merge(span.bookedAt(), 1L, Long::sum);
            if (span.releasedAt() != null) {
                changes.merge(span.releasedAt(), -1L, Long::sum);
            }
        }
        long now = 0;
        long most = 0;
        for (long delta : changes.values()) {
            now += delta;
            most = Math.max(most, now);
        }
        return most;
    }

    // ---- S8 ----

    Finding s8() {
        List<String> violations = new ArrayList<>();
        long lines = 0;
        int decisions = 0;
        int consentAnswers = 0;
        for (CaseFile file : files) {
            List<HistoryEntry> history = file.history();
            lines += history.size();
            if (history.isEmpty() || !"CASE_OPENED".equals(history.get(0).kind())) {
                violations.add(file.caseId() + ": the history does not begin with CASE_OPENED");
            }
            history.stream().filter(h -> h.at() == null || blank(h.actor())).findFirst()
                    .ifPresent(h -> violations.add(file.caseId() + ": a history line without time or actor: " + h.kind()));
            for (CaseFile.Decision d : file.decisions()) {
                decisions++;
                if (blank(d.actor()) || "system".equals(d.actor())) {
                    violations.add(file.caseId() + ": a " + d.kind() + " decision names no user");
                }
                if (blank(d.justification())) {
                    violations.add(file.caseId() + ": a " + d.kind() + " decision by " + d.actor() + " has no justification");
                }
            }
            for (String[] kinds : new String[][] {{"LEGAL_REVIEW", "LEGAL_REVIEW_DECIDED"}, {"SUPERVISOR_APPROVAL", "SUPERVISOR_DECIDED"}}) {
                long recorded = file.decisions().stream().filter(d -> kinds[0].equals(d.kind())).count();
                long told = history.stream().filter(h -> kinds[1].equals(h.kind())).count();
                if (told < recorded) {
                    violations.add(file.caseId() + ": " + recorded + " " + kinds[0] + " decisions, but " + told
                            + " of them in the history");
                }
            }
            CaseFile.Consent consent = file.consent();
            if (consent != null && ("GIVEN".equals(consent.standing()) || "DECLINED".equals(consent.standing()))) {
                consentAnswers++;
                if (blank(consent.officer())) {
                    violations.add(file.caseId() + ": consent " + consent.standing() + " names no officer");
                }
            }
        }
        return Finding.of("S8", "every decision names who, when, why and on what evidence; histories readable",
                files.size() + " case histories, " + lines + " lines, each with time and actor; " + decisions
                        + " review and approval decisions name their user and a justification, each in the history; "
                        + consentAnswers + " consent answers name the officer",
                violations, "Detention's and consent's audit trails (GET /api/audit?subject=) and Camunda's user "
                        + "operation log (Cockpit) are theirs.");
    }

    // ---- shared ----

    /** A blocker that never may be passed, or was not passed with four eyes, stood at a booking or a boarding. */
    private void blockedBookingsAndBoardings(CaseFile file, String code, String what, List<String> violations) {
        if (file.blockers(code).isEmpty()) {
            return;
        }
        for (Request booking : file.requests(BOOK_SEAT)) {
            if (file.blockedAt(code, booking.sentAt())) {
                violations.add(file.caseId() + ": BookSeat sent at " + booking.sentAt() + " while " + what + " stood (" + code + ")");
            }
        }
        for (SeatSpan span : facts(file).seats()) {
            if (span.boardedAt() != null && file.blockedAt(code, span.boardedAt())) {
                violations.add(file.caseId() + ": boarded " + span.flightNumber() + " at " + span.boardedAt() + " while "
                        + what + " stood (" + code + ")");
            }
        }
    }

    private static boolean mentions(HistoryEntry line, String word) {
        return line.detail() != null && line.detail().contains(word);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The primary language subtag: {@code fa-AF} is {@code fa}. */
    static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }
}
