package org.returnflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What happened, from the services' own data: cases by state, voluntary or not, blocked by reason,
 * manifests with utilization and struck entries, notifications by recipient and language, and the
 * safeguard audit. {@link #ok()} is false when any safeguard failed.
 */
public final class Summary {

    private static final Pattern BLOCKER = Pattern.compile("\\b(NO_FINAL_ORDER|ACTIVE_LEGAL_HOLD|VALID_RESIDENCE_PERMIT|"
            + "NO_TRAVEL_DOCUMENT|NOT_FIT_TO_FLY|NOT_IN_CUSTODY|UNACCOMPANIED_MINOR|THIRD_COUNTRY_NOT_AGREED|PROPERTY_NOT_RECONCILED)\\b");
    private static final List<String> STATE_ORDER = List.of("OPEN", "ELIGIBILITY_CHECK", "LEGAL_REVIEW", "AWAITING_CONSENT",
            "AWAITING_SEAT", "BOOKED", "NOTIFIED", "BOARDED", "REMOVED", "WITHDRAWN");

    private static final java.util.Comparator<String> STATES =
            java.util.Comparator.comparingInt(Summary::order).thenComparing(java.util.Comparator.naturalOrder());

    private final Snapshot snapshot;
    private final List<SafeguardAudit.Finding> findings;

    private Summary(Snapshot snapshot, List<SafeguardAudit.Finding> findings) {
        this.snapshot = snapshot;
        this.findings = findings;
    }

    /** Reads the services' data and audits it. */
    public static Summary of(ReturnflowApi api, ReferenceScenario.Result result) {
        Snapshot snapshot = Snapshot.read(api, result);
        return new Summary(snapshot, SafeguardAudit.check(snapshot));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public List<SafeguardAudit.Finding> findings() {
        return findings;
    }

    public boolean ok() {
        return findings.stream().allMatch(SafeguardAudit.Finding::ok);
    }

    public void print(PrintStream out) {
        ReferenceScenario.Result r = snapshot.result();
        out.println();
        out.println("================================================================================");
        out.println(" Summary");
        out.println("================================================================================");

        out.println();
        out.println("Cases by state");
        for (Map.Entry<String, UUID> op : r.operations().entrySet()) {
            List<Person> people = people(op.getKey());
            Map<String, Long> byState = people.stream().collect(Collectors.groupingBy(p -> snapshot.state(p.caseId),
                    () -> new TreeMap<>(STATES), Collectors.counting()));
            out.printf("  %-12s %4d  %s%n", op.getKey(), people.size(), join(byState));
        }

        out.println();
        out.println("Voluntary (a ConsentGiven with evidence stands) versus not");
        for (String op : r.operations().keySet()) {
            List<Person> people = people(op);
            long voluntary = people.stream().filter(p -> snapshot.caseView(p.caseId).path("voluntary").asBoolean(false)).count();
            long declined = people.stream().filter(p -> snapshot.caseView(p.caseId).path("voluntary").isBoolean()
                    && !snapshot.caseView(p.caseId).path("voluntary").asBoolean()).count();
            long interpreted = people.stream().filter(p -> snapshot.caseView(p.caseId).path("voluntary").asBoolean(false)
                    && snapshot.consents(p.caseId).stream().anyMatch(c -> c.path("history").findValues("interpreter").stream()
                    .anyMatch(JsonNode::isTextual))).count();
            long unanswered = people.size() - voluntary - declined;
            out.printf("  %-12s voluntary %d (%d through an interpreter), not voluntary %d, never asked %d%n", op, voluntary,
                    interpreted, declined, unanswered);
        }

        out.println();
        out.println("Blocked, by reason (cases that met the blocker at any point, and how they stand now)");
        Map<String, List<Person>> byBlocker = new TreeMap<>();
        for (Person p : snapshot.people()) {
            Set<String> codes = new TreeSet<>();
            for (JsonNode h : snapshot.caseView(p.caseId).path("history")) {
                Matcher m = BLOCKER.matcher(h.path("detail").asText());
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
            snapshot.caseView(p.caseId).path("blockers").forEach(b -> codes.add(b.path("code").asText()));
            codes.forEach(code -> byBlocker.computeIfAbsent(code, k -> new ArrayList<>()).add(p));
        }
        if (byBlocker.isEmpty()) {
            out.println("  none");
        }
        byBlocker.forEach((code, people) -> {
            Map<String, Long> now = people.stream().collect(Collectors.groupingBy(p -> snapshot.state(p.caseId),
                    () -> new TreeMap<>(STATES), Collectors.counting()));
            out.printf("  %-26s %4d  now %s%n", code, people.size(), join(now));
        });
        long fourEyes = snapshot.people().stream().filter(p -> snapshot.caseView(p.caseId).path("history").findValues("kind")
                .stream().anyMatch(k -> "SUPERVISOR_DECIDED".equals(k.asText()))).count();
        out.printf("  supervisor approvals (four eyes): %d%n", fourEyes);

        out.println();
        out.println("Manifests");
        for (ReferenceScenario.Flight flight : r.flights()) {
            JsonNode f = snapshot.flights().get(flight.id);
            JsonNode m = snapshot.manifests().get(flight.id);
            Map<String, Long> struck = new TreeMap<>();
            m.path("struck").forEach(e -> struck.merge(e.path("reasonStruck").asText(), 1L, Long::sum));
            out.printf("  %-9s %-11s %s  %-15s %3d/%3d seats (%5.1f %%), boarded %3d, struck %3d%s%n",
                    f.path("flightNumber").asText(), "AEX→" + ("IRN".equals(flight.destination) ? "DOH→" : "")
                            + f.path("arrivalAirport").asText(), f.path("departureAt").asText().substring(0, 16).replace('T', ' '),
                    f.path("status").asText(), m.path("activeCount").asInt(), m.path("seatsForReturnees").asInt(),
                    m.path("utilization").asDouble() * 100, m.path("boardedCount").asInt(), m.path("struckCount").asInt(),
                    struck.isEmpty() ? "" : ": " + join(struck));
        }

        out.println();
        out.println("Notifications, by recipient type and language (requested → written)");
        Map<String, Map<String, Long>> byRecipient = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byTemplate = new TreeMap<>();
        for (Person p : snapshot.people()) {
            for (JsonNode n : snapshot.notifications(p.caseId)) {
                String language = n.path("requestedLocale").asText() + (n.path("requestedLocale").asText().equals(n.path("locale").asText())
                        ? "" : "→" + n.path("locale").asText());
                byRecipient.computeIfAbsent(n.path("recipientType").asText(), k -> new TreeMap<>()).merge(language, 1L, Long::sum);
                byStatus.merge(n.path("status").asText(), 1L, Long::sum);
                byTemplate.merge(n.path("templateKey").asText(), 1L, Long::sum);
            }
        }
        byRecipient.forEach((recipient, languages) -> out.printf("  %-10s %5d  %s%n", recipient,
                languages.values().stream().mapToLong(Long::longValue).sum(), join(languages)));
        out.printf("  by template: %s; by status: %s%n", join(byTemplate), join(byStatus));

        out.println();
        out.println("Safeguard audit (S1–S10 of docs/design.md, checked against the services' data)");
        findings.forEach(f -> out.println("  " + f.line()));

        out.println();
        Map<String, Duration> phases = r.phases();
        out.println("Timings: " + phases.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toSeconds() + " s")
                .collect(Collectors.joining("; ")));
        out.println(ok() ? "Every safeguard held." : "SAFEGUARD VIOLATIONS: see the FAIL lines above.");
    }

    private List<Person> people(String operation) {
        return snapshot.result().cast().everyone().stream().filter(p -> p.caseId != null
                && operation.equals(ReferenceScenario.IRN_OPERATION) == "IRN".equals(p.operationKey)).toList();
    }

    private static int order(String state) {
        int i = STATE_ORDER.indexOf(state);
        return i < 0 ? STATE_ORDER.size() : i;
    }

    private static String join(Map<String, Long> counts) {
        Map<String, Long> ordered = new LinkedHashMap<>(counts);
        return ordered.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
