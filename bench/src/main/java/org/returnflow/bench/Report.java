package org.returnflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code bench/results/<date>.md} and the chart beside it. */
final class Report {

    record Written(Path markdown, Path chart) {
    }

    private final Bench.Options options;
    private final Machine machine;
    private final Instant began;
    private final Instant ended;
    private final List<PhaseResult> phases;
    private final double knee;
    private final PhaseResult at70;
    private final Bench.Idle idle;
    private final List<Bench.EngineRun> engine;
    private final Benchmark.Seats seats;
    private final List<Profiles.Summary> profiles;

    Report(Bench.Options options, Machine machine, Instant began, Instant ended, List<PhaseResult> phases, double knee,
           PhaseResult at70, Bench.Idle idle, List<Bench.EngineRun> engine, Benchmark.Seats seats,
           List<Profiles.Summary> profiles) {
        this.options = options;
        this.machine = machine;
        this.began = began;
        this.ended = ended;
        this.phases = phases;
        this.knee = knee;
        this.at70 = at70;
        this.idle = idle;
        this.engine = engine;
        this.seats = seats;
        this.profiles = profiles;
    }

    Written write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stem = DateTimeFormatter.ISO_LOCAL_DATE.format(began.atZone(ZoneOffset.UTC)) + (options.quick() ? "-quick" : "");
        String name = stem;
        for (int n = 2; Files.exists(dir.resolve(name + ".md")); n++) {
            name = stem + "-" + n;
        }
        Path chart = dir.resolve(name + ".png");
        LatencyChart.write(chart, steps(), at70, knee, engine("rate"));
        Path markdown = dir.resolve(name + ".md");
        Files.writeString(markdown, markdown(chart.getFileName().toString()), StandardCharsets.UTF_8);
        return new Written(markdown, chart);
    }

    private List<PhaseResult> steps() {
        return phases.stream().filter(p -> p.kind().equals("STEP") || p.kind().equals("REFINE")).toList();
    }

    private Bench.EngineRun engine(String mode) {
        return engine.stream().filter(e -> e.mode().equals(mode)).findFirst().orElse(null);
    }

    private List<PhaseResult> measured() {
        return phases.stream().filter(p -> !p.kind().equals("PROFILE")).toList();
    }

    /** Busy CPU outside the stack and the benchmark, as a share of the machine, over the measured phases. */
    double foreignShare() {
        double foreign = 0;
        double capacity = 0;
        for (PhaseResult p : measured()) {
            foreign += p.delta().foreignCpuMillis();
            capacity += p.delta().machineCapacityMillis();
        }
        return capacity == 0 ? 0 : foreign / capacity;
    }

    String summaryTable() {
        StringBuilder b = new StringBuilder();
        b.append("| | result | target (issue 10) |\n|---|---|---|\n");
        b.append(row("Knee: the last rate with a flat backlog, every case notified and p99 < 1 s",
                knee > 0 ? "**" + Benchmark.format(knee) + " cases/s**" : "**below " + Benchmark.format(options.rates().get(0)) + " cases/s**",
                "≥ 25 (stretch 50)"));
        b.append(row("Case latency at 70 % of the knee (" + Benchmark.format(at70.rate()) + " cases/s), POST to NOTIFIED",
                "p50 " + Benchmark.ms(at70.latency(50)) + ", p95 " + Benchmark.ms(at70.latency(95)) + ", **p99 "
                        + Benchmark.ms(at70.latency(99)) + "**", "p99 ≤ 1 s"));
        b.append(row("CPU per case, every process of the stack", String.format(Locale.ROOT,
                "**%.0f ms** (%.0f ms above the stack's cost at rest)", at70.cpuPerCase(), cpuAboveRest(at70)), "≤ 40 ms"));
        b.append(row("Database commits per case", String.format(Locale.ROOT, "%.1f (%.1f above rest)",
                at70.commitsPerCase(), commitsAboveRest(at70)), "–"));
        b.append(row("Kafka records per case", String.format(Locale.ROOT, "%.1f", at70.recordsPerCase()), "–"));
        long sent = measured().stream().mapToLong(PhaseResult::sent).sum();
        long notified = measured().stream().mapToLong(PhaseResult::notified).sum();
        b.append(row("Completed / started, every phase", String.format(Locale.ROOT, "**%.2f** (%d of %d)",
                sent == 0 ? 0 : (double) notified / sent, notified, sent), "1.00"));
        b.append(row("Duplicates", duplicates(), "0"));
        Bench.EngineRun saturated = engine("saturate");
        double peak = measured().stream().mapToDouble(PhaseResult::completionRate).max().orElse(0);
        b.append(row("Platform / engine-only throughput", saturated == null ? "not measured" : String.format(Locale.ROOT,
                        "**%.2f** (knee %s ÷ engine-only %.1f cases/s); peak completion rates %.1f ÷ %.1f = %.2f",
                        knee / saturated.throughput(), Benchmark.format(knee), saturated.throughput(), peak,
                        saturated.throughput(), peak / saturated.throughput()),
                "≥ 0.5"));
        return b.toString();
    }

    private String duplicates() {
        long twice = measured().stream().mapToLong(PhaseResult::notifiedTwice).sum();
        long mails = phases.stream().mapToLong(p -> p.mail().duplicateMessages()).sum();
        long received = phases.stream().mapToLong(p -> p.mail().messages()).sum();
        long notifiedAll = phases.stream().mapToLong(PhaseResult::notified).sum();
        long seatDuplicates = seats.casesWithTwoSeats() + seats.seatsHeldTwice();
        return String.format(Locale.ROOT, "**%d** cases notified twice, **%d** cases with two seats or seats held twice "
                        + "(%d manifests), **%d** e-mails delivered twice (%d received for %d notified cases, 3 each)",
                twice, seatDuplicates, seats.flights(), mails, received, notifiedAll);
    }

    private double cpuAboveRest(PhaseResult p) {
        double seconds = p.delta().elapsed().toMillis() / 1000.0;
        return p.perCase(p.delta().stackCpuMillis() - idle.cpuMillisPerSecond() * seconds);
    }

    private double commitsAboveRest(PhaseResult p) {
        double seconds = p.delta().elapsed().toMillis() / 1000.0;
        return p.perCase(p.delta().commits() - p.probeStatements() - idle.commitsPerSecond() * seconds);
    }

    private String markdown(String chartName) {
        StringBuilder b = new StringBuilder();
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(began.atZone(ZoneOffset.UTC));
        b.append("# Returnflow benchmark, ").append(date).append(options.quick() ? " (quick trial)" : "").append("\n\n");
        b.append("`./returnflow bench").append(options.quick() ? " --quick" : "").append("`: workload W1 (a whole case, from ")
                .append("`POST /api/removal-cases` to `CaseStateChanged` NOTIFIED) on the local stack, every service its own ")
                .append("JVM, all on one machine. Rates ").append(options.rates()).append(" cases/s, ")
                .append(options.step().toSeconds()).append(" s each. Run took ")
                .append(Duration.between(began, ended).toMinutes()).append(" min.\n\n");
        double foreign = foreignShare();
        if (foreign > 0.05) {
            b.append(String.format(Locale.ROOT, "> **Not a quiet machine:** %.0f %% of the machine's CPU went to processes outside "
                    + "the stack and the benchmark during the measured phases. Read these figures as a trial, not a measurement.%n%n",
                    foreign * 100));
        } else {
            b.append(String.format(Locale.ROOT, "Quiet machine: %.1f %% of the CPU went to processes outside the stack and the "
                    + "benchmark during the measured phases.%n%n", foreign * 100));
        }

        b.append("## Summary\n\n").append(summaryTable()).append('\n');
        b.append("![Case latency against arrival rate](").append(chartName).append(")\n\n");

        b.append("## Phases\n\n");
        b.append("Each phase seeds its detainees and seats, waits until the stack is back at rest, then lets cases arrive ")
                .append("at a constant rate (an open model: arrivals never wait for answers) and waits until every case is ")
                .append("notified. Latency is from the POST to the NOTIFIED event's time; a case never notified counts as ")
                .append("infinitely late. Per-case figures divide the stack's counters from the first arrival until the ")
                .append("phase drained (plus 11 s for PostgreSQL's statistics) by the notified cases.\n\n");
        b.append("| phase | rate /s | cases | notified | p50 | p95 | p99 | max | POST answered, p99 | completions /s | ")
                .append("backlog mean / max / growth | keeps up | CPU-ms / case | commits / case | records / case | other CPU |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PhaseResult p : phases) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %.1f | %.0f / %d / %+.0f%s | %s | %.0f | %.1f | %.1f | %.0f %% |%n",
                    p.name(), Benchmark.format(p.rate()), p.sent(), p.notified(), Benchmark.ms(p.latency(50)),
                    Benchmark.ms(p.latency(95)), Benchmark.ms(p.latency(99)), Benchmark.ms(p.latency(100)),
                    Benchmark.ms(p.answer(99)), p.completionRate(), p.backlogMean(), p.backlogMax(), p.backlogGrowth(),
                    p.backlogFlat() ? "" : " (growing)", p.keepsUp() ? "yes" : "**no**", p.cpuPerCase(), p.commitsPerCase(),
                    p.recordsPerCase(), 100 * p.delta().foreignCpuMillis() / Math.max(1, p.delta().machineCapacityMillis())));
        }
        b.append('\n');
        b.append("Latency by the time the benchmark's consumer received the NOTIFIED event (adds the workflow's outbox relay ")
                .append("and Kafka): ");
        List<String> observed = new ArrayList<>();
        for (PhaseResult p : phases) {
            observed.add(p.name() + " p99 " + Benchmark.ms(p.observed(99)));
        }
        b.append(String.join("; ", observed)).append(".\n\n");

        b.append("## At 70 % of the knee: where the work went\n\n");
        double seconds = at70.delta().elapsed().toMillis() / 1000.0;
        b.append(String.format(Locale.ROOT, "%d cases in %.0f s (first arrival to drained). The stack at rest costs %.1f CPU-ms/s "
                        + "and %.1f commits/s (pollers, schedulers, health), measured over %.0f s before the phases.%n%n",
                at70.notified(), seconds, idle.cpuMillisPerSecond(), idle.commitsPerSecond(), idle.seconds()));
        b.append("| process | CPU-ms per case | share | at rest, CPU-ms/s |\n|---|---|---|---|\n");
        double total = at70.delta().stackCpuMillis();
        Map<String, Double> byProcess = new TreeMap<>(at70.delta().cpuMillis());
        byProcess.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e ->
                b.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f %% | %.1f |%n", e.getKey(), at70.perCase(e.getValue()),
                        total == 0 ? 0 : 100 * e.getValue() / total, idle.cpuMillisPerSecond(e.getKey()))));
        b.append(String.format(Locale.ROOT, "| **stack** | **%.1f** | 100 %% | %.1f |%n", at70.cpuPerCase(), idle.cpuMillisPerSecond()));
        b.append(String.format(Locale.ROOT, "| the benchmark itself (load generator, consumer, probes; not counted above) | %.1f | | |%n%n",
                at70.perCase(at70.delta().benchCpuMillis())));
        b.append("Commits per case by database (the probe's own queries, one per database per sample, included): ");
        List<String> dbs = new ArrayList<>();
        at70.delta().commitsByDatabase().forEach((db, n) -> {
            if (n > 0) {
                dbs.add(String.format(Locale.ROOT, "`%s` %.1f", db, at70.perCase(n)));
            }
        });
        b.append(String.join(", ", dbs)).append(".\n\n");
        b.append("Kafka records per case by topic: ");
        List<String> topics = new ArrayList<>();
        at70.delta().recordsByTopic().forEach((topic, n) -> {
            if (!topic.startsWith("__")) {
                topics.add(String.format(Locale.ROOT, "`%s` %.1f", topic, at70.perCase(n)));
            }
        });
        b.append(String.join(", ", topics)).append(String.format(Locale.ROOT,
                "; besides, %.1f consumer-offset commits per case (`__consumer_offsets`).%n%n", at70.perCase(at70.delta().internalRecords())));
        b.append("Backlog while cases arrived (means of the samples, every 2 s): ");
        b.append(backlogBreakdown(at70)).append("\n\n");

        b.append("## Engine-only baseline\n\n");
        if (engine.isEmpty()) {
            b.append("Not run (`--no-baseline`).\n\n");
        } else {
            b.append("The same `removal-case.bpmn` and `destination-requirements.dmn` on a bare Camunda engine in its own JVM ")
                    .append("(the stack's JVM options), on the stack's PostgreSQL server in a database of its own, with the ")
                    .append("workflow's engine settings (history FULL, strong UUIDs, job executor 2–4 threads, queue 8, 4 jobs per ")
                    .append("acquisition, acquisition by due date through an index, 12 connections). Each send task answers with the service's reply once its transaction ")
                    .append("committed, correlated by two lanes as the workflow's inbox does. No Kafka, no outbox, no services, ")
                    .append("and none of the workflow's case records (state, history). Run while the stack was at rest; CPU ")
                    .append("is the harness JVM plus PostgreSQL.\n\n");
            b.append("| run | cases/s | notified | p50 | p95 | p99 | CPU-ms / case | commits / case |\n|---|---|---|---|---|---|---|---|\n");
            for (Bench.EngineRun e : engine) {
                String label = "saturate".equals(e.mode()) ? "saturated (" + e.result().path("inFlight").asInt() + " cases kept open)"
                        : "open model at " + Benchmark.format(e.result().path("rate").asDouble()) + " cases/s";
                b.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %s | %s | %s | %.1f | %.1f |%n", label, e.throughput(),
                        e.notified(), Benchmark.ms(e.latency("p50")), Benchmark.ms(e.latency("p95")), Benchmark.ms(e.latency("p99")),
                        e.cpuPerCase(), e.commitsPerCase()));
            }
            b.append('\n');
        }

        PhaseResult profiled = phases.stream().filter(p -> p.kind().equals("PROFILE")).findFirst().orElse(null);
        b.append(profileSection(profiles, profiled == null ? Double.NaN : profiled.rate(),
                profiles.isEmpty() ? (options.profile() ? " (jcmd failed)" : " (`--no-profile` or `--quick`)") : ""));
        b.append("## Machine\n\n| | |\n|---|---|\n");
        machine.facts().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        b.append('\n');

        b.append("## Method\n\n");
        b.append("- **Workload W1.** Before each phase the benchmark registers eligible IRN detainees through detention's API ")
                .append("(final removal order, passport, fit-to-fly clearance, packed property, counsel of record) and schedules ")
                .append("IRN flights of 120 seats for returnees departing five days ahead, so every case is eligible and finds a ")
                .append("seat. A case: `POST /api/removal-cases` through the gateway; the workflow describes the person, evaluates ")
                .append("the DMN, asks detention for eligibility, asks consent for a request, which a simulated officer answers ")
                .append("through the gateway (`POST /api/consents/{id}/decision`, GIVEN in Persian with an evidence hash) as soon ")
                .append("as `ConsentRequested` appears on `consent.events`; then flight books a seat and notification sends three ")
                .append("e-mails (person, counsel, consulate) to the SMTP sink; the case is NOTIFIED when all three are delivered.\n");
        b.append("- **Open model.** Arrivals follow a clock (`t0 + i / rate`), never answers; a 429 from the gateway is sent again ")
                .append("a second later with the case's clock running.\n");
        b.append("- **Latency** is from just before the POST to the `changedAt` of the case's `CaseStateChanged` NOTIFIED ")
                .append("(the workflow's transaction time), read from `workflow.events` by the benchmark's own consumer.\n");
        b.append("- **Backlog**, sampled every 2 s: outbox rows not yet relayed (all five services), consumer lag (committed ")
                .append("against end offsets of every consumer group with members), due Camunda jobs, plus the two tables that queue ")
                .append("work behind a consumer (the workflow's correlation inbox, the notification service's pending notices). ")
                .append("**Flat**: over the phase after its first fifth, the fitted line grew by no more than two seconds of ")
                .append("arrivals (at least 10 items) or half the mean backlog, whichever is more.\n");
        b.append("- **Knee**: rates rise until one does not keep up (a case not notified within 240 s of the last arrival, ")
                .append("p99 ≥ 1 s, or a growing backlog); then one more phase half-way between the last rate that kept up and ")
                .append("that one. The knee is the highest rate that kept up.\n");
        b.append("- **CPU** is utime + stime of every process in `.returnflow/run/*.pid` and all its descendants (PostgreSQL's ")
                .append("postmaster from its own pid file, with its backends), from `/proc`, including children that ended. ")
                .append("**Commits** are `xact_commit` of `pg_stat_database` over all databases, less the benchmark's own probe ")
                .append("queries. **Records** are end-offset deltas over every topic. \"Above rest\" subtracts the stack's cost at ")
                .append("rest over the same time. **Other CPU** is the machine's busy time that neither the stack nor the benchmark used.\n");
        b.append("- **Duplicates**: distinct NOTIFIED events per case on `workflow.events`; active manifest entries of every IRN ")
                .append("flight (two seats for one case, one seat twice); Message-IDs received more than once by the SMTP sink ")
                .append("(GreenMail's API; the sink is emptied after each phase).\n");
        b.append("- **Platform / engine-only**: the knee against the engine-only harness's completion rate at saturation; ")
                .append("\"peak completion rates\" compares the highest completion rate of any phase with the same.\n\n");

        b.append("## Tuning candidates\n\n");
        b.append("Written by hand after reading the profiles above; the tool does not draw conclusions.\n");
        return b.toString();
    }

    /** The profile section: per process, libraries, hottest methods, threads and Returnflow code. */
    static String profileSection(List<Profiles.Summary> profiles, double rate, String whyNot) {
        StringBuilder b = new StringBuilder("## Profiles (JFR)\n\n");
        if (profiles.isEmpty()) {
            b.append("Not recorded").append(whyNot).append(".\n\n");
        } else {
            b.append("JDK Flight Recorder (`settings=profile`, started and dumped with `jcmd`, no restart) in every JVM of the ")
                    .append("stack during a separate phase at ").append(Double.isNaN(rate) ? "?" : Benchmark.format(rate))
                    .append(" cases/s. Share of CPU samples (`jdk.ExecutionSample`) whose stack passes through a library ")
                    .append("(a sample can count for several, and a library that only wraps the work, such as Micrometer's ")
                    .append("observations around scheduled tasks, counts too), the hottest methods by top frame, the threads, ")
                    .append("and the Returnflow method nearest the top of each stack. The recordings are in ")
                    .append("`bench/target/jfr/`; `jfr print --events jdk.ExecutionSample FILE` shows the stacks.\n\n");
            List<String> quiet = new ArrayList<>();
            for (Profiles.Summary s : profiles.stream().sorted(Profiles.bySamples()).toList()) {
                if (s.samples() < 20) {
                    quiet.add(s.process() + " (" + s.samples() + ")");
                    continue;
                }
                b.append(String.format(Locale.ROOT, "**%s**: %d samples, JVM CPU %.0f %% of the machine, %d GC pauses, %d ms paused.%n%n",
                        s.process(), s.samples(), 100 * s.jvmCpu(), s.gcPauses(), s.gcPauseTotal().toMillis()));
                if (s.samples() == 0) {
                    continue;
                }
                List<String> libs = new ArrayList<>();
                s.libraries().forEach((lib, n) -> {
                    if (100.0 * n / s.samples() >= 3) {
                        libs.add(String.format(Locale.ROOT, "%s %.0f %%", lib, 100.0 * n / s.samples()));
                    }
                });
                b.append("- libraries: ").append(String.join(", ", libs)).append('\n');
                List<String> hot = new ArrayList<>();
                for (Map.Entry<String, Long> h : s.hottest().subList(0, Math.min(6, s.hottest().size()))) {
                    hot.add(String.format(Locale.ROOT, "`%s` %.1f %%", h.getKey(), 100.0 * h.getValue() / s.samples()));
                }
                b.append("- hottest: ").append(String.join(", ", hot)).append('\n');
                b.append("- threads: ").append(shares(s.threads(), s.samples())).append('\n');
                b.append("- Returnflow code on the stack (nearest the top): ").append(shares(s.entryPoints(), s.samples())).append("\n\n");
            }
            if (!quiet.isEmpty()) {
                b.append("Fewer than 20 samples (nearly idle): ").append(String.join(", ", quiet)).append(".\n\n");
            }
        }

        return b.toString();
    }

    private static String backlogBreakdown(PhaseResult p) {
        List<BacklogProbe.Sample> s = p.samples().stream().filter(x -> !x.at().isAfter(p.stepEnd())).toList();
        if (s.isEmpty()) {
            return "no samples";
        }
        Map<String, Double> means = new LinkedHashMap<>();
        for (String service : s.get(0).outbox().keySet()) {
            means.put("outbox " + service, s.stream().mapToLong(x -> x.outbox().getOrDefault(service, 0L)).average().orElse(0));
        }
        Map<String, Double> lag = new TreeMap<>();
        for (BacklogProbe.Sample x : s) {
            x.lagByGroup().forEach((g, n) -> lag.merge(g, (double) n / s.size(), Double::sum));
        }
        lag.forEach((g, n) -> means.put("lag " + g, n));
        means.put("due jobs", s.stream().mapToLong(BacklogProbe.Sample::dueJobs).average().orElse(0));
        means.put("inbox pending", s.stream().mapToLong(BacklogProbe.Sample::inboxPending).average().orElse(0));
        means.put("notices pending", s.stream().mapToLong(BacklogProbe.Sample::noticesPending).average().orElse(0));
        List<String> parts = new ArrayList<>();
        means.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.1f", k, v)));
        return String.join(", ", parts) + ".";
    }

    private static String shares(List<Map.Entry<String, Long>> entries, long samples) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : entries) {
            parts.add(String.format(Locale.ROOT, "`%s` %.0f %%", e.getKey(), 100.0 * e.getValue() / samples));
        }
        return String.join(", ", parts);
    }

    private static String row(String what, String result, String target) {
        return "| " + what + " | " + result + " | " + target + " |\n";
    }
}
