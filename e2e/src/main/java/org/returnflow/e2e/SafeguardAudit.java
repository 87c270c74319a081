package org.returnflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnflow.e2e.Snapshot.Entry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Cross-checks the safeguards S1–S10 of docs/design.md against what the other services hold, one finding
 * per rule: what the workflow's operation report cannot see (legal holds, permits, documents, ages
 * and property in detention; capacity and boarding in flight), joined with what the case shows.
 * With a {@link Snapshot.Scope#FULL} snapshot it also re-checks, from consent's, notification's and
 * detention's own records, what the report computes from the workflow's (S3, S4, S6); with a lean one
 * those rules are the report's. A finding lists the violations it found; any violation fails the rule.
 */
public final class SafeguardAudit {

    /** The result of checking one rule. */
    public record Finding(String rule, String statement, List<String> violations, String evidence) {

        public boolean ok() {
            return violations.isEmpty();
        }

        public String line() {
            StringBuilder line = new StringBuilder(rule + " " + statement + ": " + (ok() ? "OK" : "FAIL") + " (" + evidence + ")");
            violations.stream().limit(10).forEach(v -> line.append(System.lineSeparator()).append("     - ").append(v));
            if (violations.size() > 10) {
                line.append(System.lineSeparator()).append("     - … and ").append(violations.size() - 10).append(" more");
            }
            return line.toString();
        }
    }

    private final Snapshot s;

    private SafeguardAudit(Snapshot snapshot) {
        this.s = snapshot;
    }

    public static List<Finding> check(Snapshot snapshot) {
        SafeguardAudit audit = new SafeguardAudit(snapshot);
        return List.of(audit.s1(), audit.s2(), audit.s3(), audit.s4(), audit.s5(), audit.s6(), audit.s7(), audit.s8(),
                audit.s9(), audit.s10());
    }

    /** The seats that count: held now, or boarded. */
    private List<Entry> travelling() {
        return s.entries.stream().filter(e -> !e.struck() || e.boardedAt() != null).toList();
    }

    private Person person(UUID caseId) {
        return s.byCase.get(caseId);
    }

    /** The person of the entry when their detention record was read, else null. */
    private Person examined(Entry e) {
        Person p = person(e.caseId());
        return p == null || s.detainee(p) == null ? null : p;
    }

    /** A rule the workflow's report covers and the lean snapshot does not re-check. */
    private static Finding reportsOwn(String rule, String statement) {
        return new Finding(rule, statement, List.of(), "the workflow's operation report checks it from the case records; "
                + "re-checked from the services' records only by the end-to-end test");
    }

    private boolean full() {
        return s.scope() == Snapshot.Scope.FULL;
    }

    // ------------------------------------------------------------------------------------------

    Finding s1() {
        List<String> violations = new ArrayList<>();
        int holds = 0;
        int afterBooking = 0;
        int offloaded = 0;
        for (Person p : s.examined()) {
            for (JsonNode hold : s.detainee(p).path("legalHolds")) {
                holds++;
                Instant placed = Snapshot.instant(hold, "placedAt");
                Instant lifted = Snapshot.instant(hold, "liftedAt");
                for (Entry e : s.entriesOf(p.caseId)) {
                    if (placed.isBefore(e.bookedAt()) && (lifted == null || lifted.isAfter(e.bookedAt()))) {
                        violations.add(p.caseNumber + ": seat " + e.seat() + " booked at " + e.bookedAt() + " under hold "
                                + hold.path("kind").asText() + " placed " + placed);
                    }
                    if (e.boardedAt() != null && placed.isBefore(e.boardedAt())
                            && (lifted == null || lifted.isAfter(e.boardedAt()))) {
                        violations.add(p.caseNumber + ": boarded at " + e.boardedAt() + " under an active hold");
                    }
                    if (e.activeAt(placed)) {
                        afterBooking++;
                        Instant departed = Snapshot.instant(s.flights.get(e.flightId()), "departedAt");
                        if (e.boardedAt() == null && e.struck() && (departed == null || e.struckAt().isBefore(departed))) {
                            offloaded++;
                        } else {
                            violations.add(p.caseNumber + ": hold placed at " + placed + " after booking, but the seat was "
                                    + (e.boardedAt() != null ? "boarded" : "not released before departure"));
                        }
                    }
                }
            }
        }
        String refusal = s.result.probes().get("proceedPastHold");
        if (refusal != null && !refusal.matches("[45]\\d\\d .*")) {
            violations.add("a legal reviewer's PROCEED past an active hold was not refused: " + refusal);
        } else if (refusal != null && !refusal.startsWith("422 ")) {
            // A refusal by the safeguards is the reviewer's error to correct, not a server failure.
            violations.add("a legal reviewer's PROCEED past an active hold was refused, but not as 422: " + refusal);
        }
        return new Finding("S1", "no seat booked and nobody boarded under an active legal hold", violations,
                holds + " holds; " + afterBooking + " placed after booking, " + offloaded + " of them offloaded before departure"
                        + (refusal == null ? "" : "; a reviewer's PROCEED past an active hold refused (HTTP " + refusal.split(" ")[0] + ")"));
    }

    Finding s2() {
        List<String> violations = new ArrayList<>();
        int booked = 0;
        Set<UUID> withPermit = new HashSet<>();
        for (Entry e : s.entries) {
            Person p = examined(e);
            LocalDate on = s.departureDate(e.flightId());
            if (p == null || !validPermitOn(s.detainee(p), on)) {
                continue;
            }
            booked++;
            withPermit.add(p.caseId);
            String fourEyes = fourEyesBefore(p.caseId, e.bookedAt());
            if (fourEyes != null) {
                violations.add(p.caseNumber + ": booked on " + e.seat() + " with a residence permit valid on " + on + ": " + fourEyes);
            }
        }
        long permits = s.examined().stream().filter(p -> s.detainee(p).path("residencePermits").size() > 0
                && s.result.flights().stream().anyMatch(f -> validPermitOn(s.detainee(p), s.departureDate(f.id)))).count();
        long withdrawn = s.examined().stream().filter(p -> validPermitOnAnyFlight(p) && "WITHDRAWN".equals(s.state(p.caseId))).count();
        return new Finding("S2", "nobody with a residence permit valid on the departure date booked without review and a second approver",
                violations, permits + " people hold such a permit; " + withPermit.size() + " booked (" + booked
                        + " seats), each after a legal review and a supervisor approval by another user; " + withdrawn + " withdrawn");
    }

    private boolean validPermitOnAnyFlight(Person p) {
        return s.result.flights().stream().anyMatch(f -> validPermitOn(s.detainee(p), s.departureDate(f.id)));
    }

    private static boolean validPermitOn(JsonNode detainee, LocalDate on) {
        for (JsonNode permit : detainee.path("residencePermits")) {
            LocalDate from = Snapshot.date(permit, "validFrom");
            LocalDate until = Snapshot.date(permit, "validUntil");
            if (!from.isAfter(on) && !until.isBefore(on)) {
                return true;
            }
        }
        return false;
    }

    /** Null when the case's history has a PROCEED and an APPROVE by two different users before the instant; else why not. */
    private String fourEyesBefore(UUID caseId, Instant before) {
        String reviewer = null;
        String supervisor = null;
        for (JsonNode h : s.caseView(caseId).path("history")) {
            Instant at = Snapshot.instant(h, "at");
            if (at.isAfter(before)) {
                continue;
            }
            String detail = h.path("detail").asText();
            if ("LEGAL_REVIEW_DECIDED".equals(h.path("kind").asText()) && detail.contains("decision=PROCEED")) {
                reviewer = h.path("actor").asText();
            }
            if ("SUPERVISOR_DECIDED".equals(h.path("kind").asText()) && detail.contains("decision=APPROVE")) {
                supervisor = h.path("actor").asText();
            }
        }
        if (reviewer == null) {
            return "no legal review decided PROCEED before booking";
        }
        if (supervisor == null) {
            return "no supervisor approval before booking (reviewed by " + reviewer + ")";
        }
        if (supervisor.equals(reviewer)) {
            return "reviewed and approved by the same user " + reviewer;
        }
        return null;
    }

    Finding s3() {
        if (!full()) {
            return reportsOwn("S3", "voluntary only with a ConsentGiven naming officer, language, interpreter and evidence; withdrawals honoured");
        }
        List<String> violations = new ArrayList<>();
        int voluntary = 0;
        int interpreted = 0;
        int withdrawals = 0;
        for (Person p : s.people()) {
            JsonNode c = s.caseView(p.caseId);
            List<JsonNode> consents = s.consents(p.caseId);
            if (c.path("voluntary").asBoolean(false)) {
                voluntary++;
                JsonNode given = consents.stream().filter(r -> "GIVEN".equals(r.path("status").asText())).findFirst().orElse(null);
                if (given == null) {
                    violations.add(p.caseNumber + ": voluntary=true without a standing ConsentGiven (requests: "
                            + consents.stream().map(r -> r.path("status").asText()).toList() + ")");
                } else {
                    JsonNode decision = historyEntry(given, "GIVEN");
                    String problem = givenProblem(decision, s.detainee(p).path("preferredLanguage").asText());
                    if (problem != null) {
                        violations.add(p.caseNumber + ": " + problem);
                    } else if (decision.hasNonNull("interpreter")) {
                        interpreted++;
                    }
                }
            }
            for (JsonNode request : consents) {
                JsonNode withdrawal = historyEntry(request, "WITHDRAWN");
                if (withdrawal == null) {
                    continue;
                }
                withdrawals++;
                Instant at = Snapshot.instant(withdrawal, "at");
                if (c.path("voluntary").asBoolean(false)) {
                    violations.add(p.caseNumber + ": still voluntary after consent was withdrawn at " + at);
                }
                for (Entry e : s.entriesOf(p.caseId)) {
                    if (e.activeAt(at) && (e.boardedAt() != null || !e.struck())) {
                        violations.add(p.caseNumber + ": the seat " + e.seat() + " held when consent was withdrawn was kept");
                    }
                }
                if (p.consentRequired() && !"WITHDRAWN".equals(s.state(p.caseId))) {
                    violations.add(p.caseNumber + ": consent is required for " + p.destination + " and was withdrawn, but the case is "
                            + s.state(p.caseId));
                }
            }
        }
        return new Finding("S3", "voluntary only with a ConsentGiven naming officer, language, interpreter and evidence; withdrawals honoured",
                violations, voluntary + " voluntary cases, each with such a ConsentGiven (" + interpreted
                        + " through an interpreter); " + withdrawals + " withdrawals honoured, their seats released");
    }

    private static JsonNode historyEntry(JsonNode consentRequest, String event) {
        for (JsonNode h : consentRequest.path("history")) {
            if (event.equals(h.path("event").asText())) {
                return h;
            }
        }
        return null;
    }

    private static String givenProblem(JsonNode given, String preferredLanguage) {
        if (given == null) {
            return "consent GIVEN without its decision in the history";
        }
        if (given.path("officer").asText("").isBlank()) {
            return "ConsentGiven names no officer";
        }
        String language = given.path("language").asText("");
        if (language.isBlank()) {
            return "ConsentGiven names no language";
        }
        if (!given.path("evidenceSha256").asText("").matches("[0-9a-f]{64}")) {
            return "ConsentGiven has no SHA-256 evidence hash";
        }
        if (!primary(language).equals(primary(preferredLanguage)) && given.path("interpreter").asText("").isBlank()) {
            return "consent given in " + language + ", not the person's " + preferredLanguage + ", without an interpreter";
        }
        return null;
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    Finding s4() {
        if (!full()) {
            return reportsOwn("S4", "person, counsel and consulate told at least noticeHours before departure, in the person's language");
        }
        List<String> violations = new ArrayList<>();
        int seats = 0;
        int notices = 0;
        int fallback = 0;
        Set<String> fallbackLanguages = new TreeSet<>();
        for (Entry e : travelling()) {
            Person p = person(e.caseId());
            if (p == null) {
                continue;
            }
            seats++;
            Integer hours = s.noticeHours.get(p.caseId);
            if (hours == null) {
                violations.add(p.caseNumber + ": the case's noticeHours could not be read");
                continue;
            }
            Instant latest = s.departureAt(e.flightId()).minus(Duration.ofHours(hours));
            JsonNode detainee = s.detainee(p);
            List<String> recipients = new ArrayList<>(List.of("DETAINEE", "CONSULATE"));
            if (detainee.path("hasCounsel").asBoolean(false)) {
                recipients.add("COUNSEL");
            }
            for (String recipient : recipients) {
                JsonNode delivered = s.notifications(p.caseId).stream()
                        .filter(n -> recipient.equals(n.path("recipientType").asText())
                                && e.flightId().toString().equals(n.path("flightId").asText())
                                && "DELIVERED".equals(n.path("status").asText()))
                        .findFirst().orElse(null);
                if (delivered == null) {
                    violations.add(p.caseNumber + ": no delivered notice to " + recipient + " for flight " + e.flightId());
                    continue;
                }
                notices++;
                Instant at = Snapshot.instant(delivered, "deliveredAt");
                if (at.isAfter(latest)) {
                    violations.add(p.caseNumber + ": " + recipient + " told at " + at + ", less than " + hours + " h before "
                            + s.departureAt(e.flightId()));
                }
                if ("DETAINEE".equals(recipient)) {
                    String wanted = detainee.path("preferredLanguage").asText();
                    if (!primary(delivered.path("requestedLocale").asText("")).equals(primary(wanted))) {
                        violations.add(p.caseNumber + ": notice requested in " + delivered.path("requestedLocale").asText()
                                + ", the person reads " + wanted);
                    } else if (delivered.path("fallbackLocale").asBoolean(false)) {
                        fallback++;
                        fallbackLanguages.add(wanted);
                    }
                }
            }
        }
        return new Finding("S4", "person, counsel and consulate told at least noticeHours before departure, in the person's language",
                violations, seats + " people booked or boarded; " + notices + " notices delivered in time"
                        + (fallback == 0 ? "" : "; " + fallback + " people's notices written in English for want of templates in "
                        + String.join(", ", fallbackLanguages)));
    }

    Finding s5() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Entry e : travelling()) {
            Person p = examined(e);
            if (p == null) {
                continue;
            }
            checked++;
            LocalDate on = s.departureDate(e.flightId());
            JsonNode detainee = s.detainee(p);
            boolean fit = false;
            for (JsonNode c : detainee.path("medicalClearances")) {
                if (c.path("fitToFly").asBoolean() && !Snapshot.date(c, "assessedOn").isAfter(on)
                        && !Snapshot.date(c, "validUntil").isBefore(on)) {
                    fit = true;
                }
            }
            boolean document = false;
            for (JsonNode d : detainee.path("travelDocuments")) {
                if (!Snapshot.date(d, "validUntil").isBefore(on)) {
                    document = true;
                }
            }
            if (!fit) {
                violations.add(p.caseNumber + ": no fit-to-fly clearance valid on " + on);
            }
            if (!document) {
                violations.add(p.caseNumber + ": no travel document valid on " + on);
            }
        }
        long fixed = s.people().stream().filter(p -> p.recordFixed).count();
        return new Finding("S5", "fit to fly and a travel document valid on the departure date", violations,
                checked + " people " + (full() ? "booked or boarded" : "boarded or with a story of their own")
                        + ", each cleared and documented for their date in detention's records; " + fixed
                        + " records fixed before a RECHECK");
    }

    Finding s6() {
        if (!full()) {
            return reportsOwn("S6", "third-country removals only under an agreement covering the nationality");
        }
        List<String> violations = new ArrayList<>();
        Set<String> nationalities = new TreeSet<>();
        Map<String, Integer> refused = new TreeMap<>();
        int booked = 0;
        for (Map.Entry<UUID, JsonNode> eligibility : s.thirdCountryEligibility.entrySet()) {
            Person p = person(eligibility.getKey());
            boolean notAgreed = false;
            for (JsonNode b : eligibility.getValue().path("blockers")) {
                notAgreed |= "THIRD_COUNTRY_NOT_AGREED".equals(b.path("code").asText());
            }
            List<Entry> seats = s.entriesOf(p.caseId);
            if (notAgreed) {
                refused.merge(p.nationality, 1, Integer::sum);
                if (!seats.isEmpty()) {
                    violations.add(p.caseNumber + " (" + p.nationality + "): not covered by the agreement with " + p.destination
                            + ", yet held seat " + seats.get(0).seat());
                }
            } else if (!seats.isEmpty()) {
                booked++;
                nationalities.add(p.nationality);
            }
        }
        return new Finding("S6", "third-country removals only under an agreement covering the nationality", violations,
                booked + " third-country people booked, all of covered nationalities " + nationalities + "; not covered, never booked: "
                        + refused.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
    }

    Finding s7() {
        List<String> violations = new ArrayList<>();
        int peak = 0;
        int capacity = 0;
        for (Map.Entry<UUID, JsonNode> f : s.flights.entrySet()) {
            JsonNode flight = f.getValue();
            int seats = flight.path("seatCapacity").asInt() - flight.path("escortSeats").asInt();
            capacity = Math.max(capacity, seats);
            List<Entry> entries = s.allEntries.stream().filter(e -> e.flightId().equals(f.getKey())).toList();
            int max = maxConcurrent(entries);
            peak = Math.max(peak, max);
            if (max > seats) {
                violations.add(flight.path("flightNumber").asText() + " held " + max + " people at once, over its " + seats + " seats");
            }
            if (s.manifests.get(f.getKey()).path("activeCount").asInt() > seats) {
                violations.add(flight.path("flightNumber").asText() + " manifest lists more people than its seats");
            }
            Map<String, List<Entry>> bySeat = entries.stream().collect(Collectors.groupingBy(Entry::seat));
            bySeat.forEach((seat, held) -> {
                if (maxConcurrent(held) > 1) {
                    violations.add(flight.path("flightNumber").asText() + " seat " + seat + " held by two cases at once");
                }
            });
        }
        Map<UUID, List<Entry>> byCase = s.allEntries.stream().collect(Collectors.groupingBy(Entry::caseId));
        byCase.forEach((caseId, held) -> {
            if (maxConcurrent(held) > 1) {
                violations.add("case " + caseId + " held two seats at once");
            }
        });
        Map<String, Long> openPerPerson = s.cases.values().stream()
                .filter(c -> c.path("endedAt").isNull() || c.path("endedAt").isMissingNode())
                .collect(Collectors.groupingBy(c -> c.path("detaineeId").asText(), Collectors.counting()));
        openPerPerson.forEach((detainee, count) -> {
            if (count > 1) {
                violations.add("detainee " + detainee + " has " + count + " open cases");
            }
        });
        String second = s.result.probes().get("secondCaseStatus");
        if (second != null && !"409".equals(second)) {
            violations.add("a second case for a person with an open case answered " + second + ", not 409: "
                    + s.result.probes().get("secondCaseProblem"));
        }
        Map<String, Integer> deliveries = new HashMap<>();
        Map<String, Integer> messageIds = new HashMap<>();
        int delivered = 0;
        for (List<JsonNode> list : s.notifications.values()) {
            for (JsonNode n : list) {
                if (!"DELIVERED".equals(n.path("status").asText())) {
                    continue;
                }
                delivered++;
                deliveries.merge(n.path("caseId").asText() + "/" + n.path("recipientType").asText() + "/"
                        + n.path("templateKey").asText() + "/" + n.path("flightId").asText(""), 1, Integer::sum);
                if (n.hasNonNull("smtpMessageId")) {
                    messageIds.merge(n.path("smtpMessageId").asText(), 1, Integer::sum);
                }
            }
        }
        deliveries.forEach((key, count) -> {
            if (count > 1) {
                violations.add("notice " + key + " delivered " + count + " times");
            }
        });
        messageIds.forEach((id, count) -> {
            if (count > 1) {
                violations.add("e-mail " + id + " sent " + count + " times");
            }
        });
        return new Finding("S7", "no manifest over capacity, one open case and one seat per person, no notice twice", violations,
                s.flights.size() + " flights, at most " + peak + " of " + capacity + " seats held at once; no seat or case held twice; "
                        + "a second case for a person answered " + second + "; " + (full() ? delivered + " notices delivered, none twice"
                        : "notices delivered twice: the report's S7"));
    }

    private static int maxConcurrent(List<Entry> entries) {
        TreeMap<Instant, Integer> changes = new TreeMap<>();
        for (Entry e : entries) {
            changes.merge(e.bookedAt(), 1, Integer::sum);
            if (e.struck()) {
                changes.merge(e.struckAt(), -1, Integer::sum);
            }
        }
        int now = 0;
        int max = 0;
        for (int delta : changes.values()) {
            now += delta;
            max = Math.max(max, now);
        }
        return max;
    }

    Finding s8() {
        List<String> violations = new ArrayList<>();
        int decisions = 0;
        int consentDecisions = 0;
        for (Person p : s.people()) {
            if (!s.hasHistory(p.caseId)) {
                continue;
            }
            JsonNode history = s.caseView(p.caseId).path("history");
            if (history.isEmpty()) {
                violations.add(p.caseNumber + ": the case has no history");
            }
            for (JsonNode h : history) {
                if (!h.hasNonNull("at") || h.path("actor").asText("").isBlank()) {
                    violations.add(p.caseNumber + ": a history entry without time or actor: " + h);
                }
                String kind = h.path("kind").asText();
                if ("LEGAL_REVIEW_DECIDED".equals(kind) || "SUPERVISOR_DECIDED".equals(kind)) {
                    decisions++;
                    String actor = h.path("actor").asText();
                    if ("system".equals(actor) || !h.path("detail").asText().contains("justification=")) {
                        violations.add(p.caseNumber + ": " + kind + " without a named user or a justification: " + h);
                    }
                }
            }
            for (JsonNode request : s.consents(p.caseId)) {
                for (JsonNode h : request.path("history")) {
                    String event = h.path("event").asText();
                    if ("GIVEN".equals(event) || "DECLINED".equals(event)) {
                        consentDecisions++;
                        if (h.path("officer").asText("").isBlank() || h.path("recordedBy").asText("").isBlank()) {
                            violations.add(p.caseNumber + ": consent " + event + " without officer or recording client");
                        }
                    }
                }
            }
        }
        long expectedDecisions = s.people().stream().filter(p -> p.reviewPlan == Person.ReviewPlan.PROCEED_WITH_FOUR_EYES).count() * 2
                + s.people().stream().filter(p -> p.reviewPlan == Person.ReviewPlan.WITHDRAW || p.reviewPlan == Person.ReviewPlan.FIX_AND_RECHECK).count();
        if (decisions < expectedDecisions) {
            violations.add("only " + decisions + " review and approval decisions in the case histories; the reviewers made at least "
                    + expectedDecisions);
        }
        int trails = 0;
        for (Map.Entry<UUID, JsonNode> trail : s.auditTrails.entrySet()) {
            if (trail.getValue().path("content").isEmpty()) {
                violations.add("detainee " + trail.getKey() + " has no audit trail");
            }
            for (JsonNode entry : trail.getValue().path("content")) {
                if (entry.path("principal").asText("").isBlank()) {
                    violations.add("detainee " + trail.getKey() + ": audit entry without principal");
                }
            }
            trails++;
        }
        if (s.partnerHistoryStatus != 200) {
            violations.add("a partner with cases:read could not read a case's history: " + s.partnerHistoryStatus);
        }
        return new Finding("S8", "every decision names who, when, why and on what evidence; histories readable", violations,
                s.people().stream().filter(p -> s.hasHistory(p.caseId)).count() + " case histories; " + decisions + " review and approval decisions name their user and justification; "
                        + consentDecisions + " consent decisions name officer and recording client; " + trails
                        + " detention audit trails read; a partner read a case history (" + s.partnerHistoryStatus + ")");
    }

    Finding s9() {
        List<String> violations = new ArrayList<>();
        int boarded = 0;
        int items = 0;
        for (Entry e : s.entries) {
            if (e.boardedAt() == null) {
                continue;
            }
            Person p = examined(e);
            if (p == null) {
                violations.add("case " + e.caseId() + " boarded, but its person's record was not read");
                continue;
            }
            boarded++;
            for (JsonNode item : s.detainee(p).path("property")) {
                items++;
                String status = item.path("status").asText();
                if ("HELD".equals(status)) {
                    violations.add(p.caseNumber + ": boarded while " + item.path("kind").asText() + " was still HELD");
                } else if ("PACKED".equals(status) && "REMOVED".equals(s.state(p.caseId))) {
                    violations.add(p.caseNumber + ": removed, but " + item.path("kind").asText() + " was never handed over");
                }
            }
        }
        long offloaded = s.entries.stream().filter(e -> "OFFLOADED_PROPERTY_NOT_RECONCILED".equals(e.reasonStruck())).count();
        for (Person p : s.people()) {
            if (p.keptPropertyHeld() && s.entriesOf(p.caseId).stream().anyMatch(e -> e.flightId().equals(s.result.firstFlight().id)
                    && e.boardedAt() != null)) {
                violations.add(p.caseNumber + ": boarded " + s.result.firstFlight() + " with an item never packed");
            }
        }
        return new Finding("S9", "property and identity documents travel with the person; unreconciled entries not boarded", violations,
                boarded + " boarded, their " + items + " items packed and handed over with them; " + offloaded
                        + " offloaded for an unreconciled item");
    }

    Finding s10() {
        List<String> violations = new ArrayList<>();
        int minors = 0;
        int accompanied = 0;
        int approved = 0;
        for (Entry e : s.entries) {
            Person p = examined(e);
            if (p == null) {
                continue;
            }
            JsonNode detainee = s.detainee(p);
            LocalDate on = s.departureDate(e.flightId());
            if (Period.between(Snapshot.date(detainee, "dateOfBirth"), on).getYears() >= 18) {
                continue;
            }
            minors++;
            String guardianId = detainee.path("guardianId").asText("");
            boolean guardianOnOperation = !guardianId.isBlank() && s.cases.values().stream().anyMatch(c ->
                    guardianId.equals(c.path("detaineeId").asText())
                            && c.path("operationId").asText().equals(s.caseView(p.caseId).path("operationId").asText()));
            if (guardianOnOperation) {
                accompanied++;
                continue;
            }
            String fourEyes = fourEyesBefore(p.caseId, e.bookedAt());
            if (fourEyes != null) {
                violations.add(p.caseNumber + ": a minor without a guardian on the operation booked on " + e.seat() + ": " + fourEyes);
            } else {
                approved++;
            }
        }
        return new Finding("S10", "no unaccompanied minor booked without review and a second approver", violations,
                minors + " seats for minors: " + accompanied + " with a guardian on the same operation, " + approved
                        + " after a legal review and a supervisor approval by another user");
    }
}
