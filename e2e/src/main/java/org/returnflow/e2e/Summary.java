package org.returnflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What happened: for each operation, the workflow's report ({@code GET /api/removal-operations/{id}/report}:
 * cases by state, voluntary or not, blockers met, the flights its cases held seats on, notices, and
 * the S1–S10 audit from the case records), the flights as flight-service shows them, and the
 * cross-checks against the services' own records of what the report cannot see. {@link #ok()} is
 * false when any report finding or cross-check failed.
 */
public final class Summary {

    /** One S-rule of one operation's report. */
    public record ReportFinding(String operation, SafeguardAudit.Finding finding) {
    }

    private final Snapshot snapshot;
    private final List<ReportFinding> reportFindings;
    private final List<SafeguardAudit.Finding> crossChecks;

    private Summary(Snapshot snapshot, List<ReportFinding> reportFindings, List<SafeguardAudit.Finding> crossChecks) {
        this.snapshot = snapshot;
        this.reportFindings = reportFindings;
        this.crossChecks = crossChecks;
    }

    /** Reads the reports and what the cross-checks need (the demo). */
    public static Summary of(ReturnflowApi api, ReferenceScenario.Result result) {
        return of(api, result, Snapshot.Scope.LEAN);
    }

    /** Reads the reports and the services' data at this scope, and cross-checks it. */
    public static Summary of(ReturnflowApi api, ReferenceScenario.Result result, Snapshot.Scope scope) {
        Snapshot snapshot = Snapshot.read(api, result, scope);
        List<ReportFinding> reported = new ArrayList<>();
        snapshot.reports().forEach((operation, report) -> report.path("safeguards").forEach(f -> {
            List<String> violations = new ArrayList<>();
            f.path("violations").forEach(v -> violations.add(v.asText()));
            int unlisted = f.path("violationCount").asInt(violations.size()) - violations.size();
            for (int i = 0; i < unlisted; i++) {
                violations.add("(listed in the report's JSON beyond its first " + violations.size() + ")");
            }
            reported.add(new ReportFinding(operation, new SafeguardAudit.Finding(f.path("rule").asText(),
                    f.path("statement").asText(), violations, f.path("checked").asText())));
        }));
        return new Summary(snapshot, reported, SafeguardAudit.check(snapshot));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Every finding: each operation report's S1–S10, then the cross-checks. */
    public List<SafeguardAudit.Finding> findings() {
        List<SafeguardAudit.Finding> all = new ArrayList<>();
        reportFindings.forEach(r -> all.add(r.finding()));
        all.addAll(crossChecks);
        return all;
    }

    public List<ReportFinding> reportFindings() {
        return reportFindings;
    }

    public List<SafeguardAudit.Finding> crossChecks() {
        return crossChecks;
    }

    public boolean ok() {
        return findings().stream().allMatch(SafeguardAudit.Finding::ok);
    }

    public void print(PrintStream out) {
        ReferenceScenario.Result r = snapshot.result();
        Map<String, JsonNode> reports = snapshot.reports();
        out.println();
        out.println("================================================================================");
        out.println(" Summary (the workflow's operation reports, flight's manifests, cross-checks)");
        out.println("================================================================================");

        out.println();
        out.println("Cases by state");
        reports.forEach((op, report) -> out.printf("  %-12s %4d  %s%n", op, report.path("cases").path("total").asInt(),
                counts(report.path("cases").path("byState"), true)));

        out.println();
        out.println("Voluntary (a ConsentGiven with evidence stands) versus not");
        reports.forEach((op, report) -> {
            JsonNode v = report.path("voluntariness");
            out.printf("  %-12s voluntary %d (%d through an interpreter), not voluntary %d, not decided %d; consent standing: %s%n",
                    op, v.path("voluntary").asInt(), v.path("throughInterpreter").asInt(), v.path("notVoluntary").asInt(),
                    v.path("notDecided").asInt(), counts(v.path("byStanding"), false));
        });

        out.println();
        out.println("Blocked, by reason (cases that met the blocker at any point, and how they stand now)");
        reports.forEach((op, report) -> {
            if (report.path("blockers").isEmpty()) {
                out.printf("  %-12s none%n", op);
            }
            report.path("blockers").forEach(b -> out.printf("  %-12s %-26s %4d  still open %d, four eyes %d; now %s%n", op,
                    b.path("code").asText(), b.path("cases").asInt(), b.path("openNow").asInt(), b.path("overridden").asInt(),
                    counts(b.path("nowByState"), false)));
        });

        out.println();
        out.println("Manifests (flight-service: status, seats held of seats for returnees, struck; the report: what the cases did)");
        Map<UUID, long[]> casesOnFlight = new LinkedHashMap<>();
        reports.values().forEach(report -> report.path("manifests").forEach(m -> {
            long[] c = casesOnFlight.computeIfAbsent(UUID.fromString(m.path("flightId").asText()), k -> new long[3]);
            c[0] += m.path("heldNow").asLong();
            c[1] += m.path("boarded").asLong();
            c[2] += m.path("handedOver").asLong();
        }));
        for (ReferenceScenario.Flight flight : r.flights()) {
            JsonNode f = snapshot.flights().get(flight.id);
            JsonNode m = snapshot.manifests().get(flight.id);
            Map<String, Long> struck = new TreeMap<>();
            m.path("struck").forEach(e -> struck.merge(e.path("reasonStruck").asText(), 1L, Long::sum));
            long[] c = casesOnFlight.getOrDefault(flight.id, new long[3]);
            out.printf("  %-9s %-11s %s  %-9s %3d/%3d seats (%5.1f %%), boarded %3d, struck %3d%s; cases: held %d, boarded %d, handed over %d%n",
                    f.path("flightNumber").asText(), "AEX→" + ("IRN".equals(flight.destination) ? "DOH→" : "")
                            + f.path("arrivalAirport").asText(), f.path("departureAt").asText().substring(0, 16).replace('T', ' '),
                    f.path("status").asText(), m.path("activeCount").asInt(), m.path("seatsForReturnees").asInt(),
                    m.path("utilization").asDouble() * 100, m.path("boardedCount").asInt(), m.path("struckCount").asInt(),
                    struck.isEmpty() ? "" : " (" + join(struck) + ")", c[0], c[1], c[2]);
        }

        out.println();
        out.println("Notices (requested → delivered; written in, by recipient type)");
        reports.forEach((op, report) -> {
            JsonNode n = report.path("notices");
            Map<String, Long> languages = new TreeMap<>();
            n.path("languages").forEach(l -> languages.merge(l.path("recipientType").asText() + " " + l.path("locale").asText()
                    + (l.path("fallback").asLong() > 0 ? " (" + l.path("fallback").asLong() + " fallback)" : ""),
                    l.path("delivered").asLong(), Long::sum));
            out.printf("  %-12s %d requested, %d delivered, %d failed, %d awaiting; %d people not in their language%n", op,
                    n.path("requested").asInt(), n.path("delivered").asInt(), n.path("failed").asInt(), n.path("awaiting").asInt(),
                    n.path("peopleNotInTheirLanguage").asInt());
            out.printf("  %-12s %s%n", "", join(languages));
        });

        out.println();
        out.println("Re-verifications before departure (T-72 h, T-2 h, on a record change), remedies ordered by a court, "
                + "fear-claim windows of third-country removals");
        reports.forEach((op, report) -> {
            JsonNode v = report.path("reverifications");
            JsonNode remedies = report.path("remedies");
            out.printf("  %-12s %d re-verified, %d answered, %d cases caught%s; remedies %d (%d open, %d returned)%n", op,
                    v.path("requested").asInt(), v.path("answered").asInt(), v.path("casesCaught").asInt(),
                    v.path("caughtByCode").isEmpty() ? "" : " (" + counts(v.path("caughtByCode"), false) + ")",
                    remedies.path("ordered").asInt(), remedies.path("open").asInt(), remedies.path("returned").asInt());
            JsonNode windows = report.path("fearClaimWindows");
            if (windows.path("opened").asInt() > 0) {
                out.printf("  %-12s fear-claim windows: %d opened, %d open, %d closed (%d shortened by an assurance, %d by "
                                + "the local override); %d cases under a hold placed while theirs ran%n", "",
                        windows.path("opened").asInt(), windows.path("openNow").asInt(), windows.path("closed").asInt(),
                        windows.path("withAssurance").asInt(), windows.path("byLocalOverride").asInt(),
                        windows.path("casesHeldInWindow").asInt());
            }
        });

        out.println();
        out.println("Independent monitoring: monitors on the operations' flights, serious findings (each reviewed by supervisors)");
        reports.forEach((op, report) -> {
            JsonNode m = report.path("monitoring");
            out.printf("  %-12s %d monitors assigned, %d findings%s%n", op, m.path("monitorsAssigned").asInt(),
                    m.path("findings").asInt(), m.path("findingsByCode").isEmpty() ? ""
                            : " (" + counts(m.path("findingsByCode"), false) + ")");
        });

        out.println();
        out.println("Safeguard audit: each operation's report (docs/design.md S1–S10, from the workflow's case records)");
        for (String op : reports.keySet()) {
            out.println("  " + op);
            reportFindings.stream().filter(f -> f.operation().equals(op)).forEach(f -> out.println("    " + f.finding().line()));
        }
        out.println();
        out.println("Cross-checks against the services' own records (what the workflow's report cannot see)");
        crossChecks.forEach(f -> out.println("  " + f.line()));
        JsonNode anyReport = reports.values().stream().findFirst().orElse(null);
        if (anyReport != null) {
            out.println();
            out.println("What the workflow's report cannot see (and the cross-checks read from the services):");
            anyReport.path("notVisible").forEach(text -> out.println("  - " + text.asText()));
        }

        out.println();
        Map<String, Duration> phases = r.phases();
        out.println("Timings and API calls: " + phases.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toSeconds()
                + " s, " + r.calls().getOrDefault(e.getKey(), 0L) + " calls").collect(Collectors.joining("; ")));
        if (r.alreadyOnRecord() > 0) {
            out.printf("%d people were on record from an earlier run and were registered again as distinct people.%n",
                    r.alreadyOnRecord());
        }
        out.println(ok() ? "Every safeguard held." : "SAFEGUARD VIOLATIONS: see the FAIL lines above.");
    }

    /** "STATE n, …" from a JSON object of counts. */
    private static String counts(JsonNode counts, boolean skipZero) {
        List<String> parts = new ArrayList<>();
        counts.properties().forEach(e -> {
            if (!skipZero || e.getValue().asLong() > 0) {
                parts.add(e.getKey() + " " + e.getValue().asLong());
            }
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
