package org.returnflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs phases of workload W1 against a stack: for each phase it seeds what the phase needs, waits
 * until the stack is quiet, reads the stack's counters, lets cases arrive at the phase's rate while
 * it samples the backlog, waits until every case has settled and the stack is quiet again, reads the
 * counters again, and checks the mail sink for duplicates. {@link Bench} decides which phases run.
 */
public final class Benchmark implements AutoCloseable {

    /** How a phase is paced around its arrivals. */
    public record Pacing(Duration sampleInterval, Duration drainTimeout, Duration quietTimeout, Duration statsFlush,
                         int seedThreads) {

        public static Pacing defaults() {
            return new Pacing(Duration.ofSeconds(2), Duration.ofSeconds(240), Duration.ofSeconds(300),
                    Duration.ofSeconds(11), 4);
        }
    }

    /** Seats held by the benchmark's cases, over every IRN flight. */
    public record Seats(int flights, long activeEntries, long casesWithTwoSeats, long seatsHeldTwice, long struckEntries,
                        long notifiedWithoutSeat) {
    }

    private final Target target;
    private final Pacing pacing;
    private final PrintStream out;
    private final AgencyClient api;
    private final Seeder seeder;
    private final Workload workload;
    private final BacklogProbe probe;
    private final StackMeter meter;
    private final MailCheck mail;
    private final List<PhaseResult> results = new ArrayList<>();
    private long idleBacklog;

    public Benchmark(Target target, Pacing pacing, PrintStream out) throws SQLException {
        this.target = target;
        this.pacing = pacing;
        this.out = out;
        this.api = new AgencyClient(target);
        this.seeder = new Seeder(api, out, pacing.seedThreads());
        this.workload = new Workload(api);
        this.probe = new BacklogProbe(target);
        this.meter = new StackMeter(target, probe);
        this.mail = new MailCheck(target.mailApi());
    }

    public StackMeter meter() {
        return meter;
    }

    public BacklogProbe probe() {
        return probe;
    }

    public AgencyClient api() {
        return api;
    }

    public List<PhaseResult> results() {
        return Collections.unmodifiableList(results);
    }

    /** Tokens, the consulate, an empty mail sink, and the event reader at the end of its topics. */
    public void prepare() throws InterruptedException {
        prepare(api, seeder, mail, workload);
        idleBacklog = probe.sample().total();
        out.printf("Stack reached: gateway %s, Kafka %s, PostgreSQL %s; backlog at rest: %d%n", target.gateway(),
                target.kafkaBootstrap(), target.jdbcServer(), idleBacklog);
    }

    /** Tokens of every client the workload uses, the consulate, an empty mail sink, the event reader started. */
    static void prepare(AgencyClient api, Seeder seeder, MailCheck mail, Workload workload) throws InterruptedException {
        api.prepareTokens(AgencyClient.CASES, AgencyClient.CONSENT, AgencyClient.DETENTION, AgencyClient.FLIGHTS,
                AgencyClient.NOTIFICATIONS);
        seeder.consulate();
        mail.purge();
        workload.start();
    }

    /** Something to do around a phase's measured part: after seeding and quiet, and once it drained. */
    public interface Hooks {
        void measuring() throws Exception;

        void drained() throws Exception;
    }

    private static final Hooks NONE = new Hooks() {
        @Override
        public void measuring() {
        }

        @Override
        public void drained() {
        }
    };

    /** One phase: {@code round(rate × duration)} cases arriving at {@code rate} per second. */
    public PhaseResult phase(String name, String kind, double rate, Duration duration) throws InterruptedException {
        return phase(name, kind, rate, duration, NONE);
    }

    /** One phase, with hooks around its measured part (a profiler, for instance). */
    public PhaseResult phase(String name, String kind, double rate, Duration duration, Hooks hooks) throws InterruptedException {
        int count = Math.max(1, (int) Math.round(rate * duration.toMillis() / 1000.0));
        out.printf("%n== %s: %d cases at %s/s over %d s%n", name, count, format(rate), duration.toSeconds());
        Instant seeding = Instant.now();
        seeder.seatsFor(count);
        List<UUID> detainees = seeder.detainees(count);
        out.printf("   seeded %d detainees and their seats in %d s%n", count, Duration.between(seeding, Instant.now()).toSeconds());
        if (!awaitQuiet(pacing.quietTimeout())) {
            out.println("   WARNING: the backlog did not return to rest before the phase; measuring anyway");
        }
        Thread.sleep(pacing.statsFlush().toMillis()); // PostgreSQL's counters of the seeding reach pg_stat_database
        api.prepareTokens(AgencyClient.CASES, AgencyClient.CONSENT);

        List<BacklogProbe.Sample> samples = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-backlog");
            t.setDaemon(true);
            return t;
        });
        run(hooks::measuring);
        long statementsBefore = probe.statements();
        StackMeter.Reading before = meter.read();
        sampler.scheduleAtFixedRate(() -> {
            try {
                samples.add(probe.sample());
            } catch (RuntimeException e) {
                out.println("   backlog sample failed: " + e.getMessage());
            }
        }, 0, pacing.sampleInterval().toMillis(), TimeUnit.MILLISECONDS);

        Instant stepStart = Instant.now();
        Workload.Arrivals arrivals = workload.arrive(name, rate, detainees);
        Instant stepEnd = Instant.now();
        List<CaseRun> runs = workload.runs(name);
        out.printf("   %d arrivals in %.1f s (clock late by at most %.1f ms); waiting for them to settle%n",
                arrivals.fired(), arrivals.seconds(), arrivals.maxLagMillis());
        awaitSettled(runs, pacing.drainTimeout());
        awaitQuiet(pacing.quietTimeout());
        sampler.shutdown();
        sampler.awaitTermination(30, TimeUnit.SECONDS);
        run(hooks::drained);
        Thread.sleep(pacing.statsFlush().toMillis());
        StackMeter.Reading after = meter.read();
        long probeStatements = probe.statements() - statementsBefore;

        MailCheck.Mailboxes mailboxes = mail.read();
        mail.purge();
        PhaseResult result = new PhaseResult(name, kind, rate, arrivals, runs, List.copyOf(samples), stepStart, stepEnd,
                meter.between(before, after), probeStatements, mailboxes);
        results.add(result);
        out.printf("   notified %d/%d; latency p50 %s, p95 %s, p99 %s; backlog mean %.0f, growth %.0f (%s); "
                        + "%.1f CPU-ms, %.1f commits, %.1f records per case; %d mails, %d repeated%n",
                result.notified(), result.sent(), ms(result.latency(50)), ms(result.latency(95)), ms(result.latency(99)),
                result.backlogMean(), result.backlogGrowth(), result.backlogFlat() ? "flat" : "GROWING",
                result.cpuPerCase(), result.commitsPerCase(), result.recordsPerCase(), mailboxes.messages(),
                mailboxes.duplicateMessages());
        return result;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void run(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            out.println("   " + e.getMessage());
        }
    }

    private void awaitSettled(List<CaseRun> runs, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant lastReport = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            long open = runs.stream().filter(r -> !r.settled()).count();
            if (open == 0) {
                return;
            }
            if (Duration.between(lastReport, Instant.now()).toSeconds() >= 15) {
                out.printf("   %d cases not yet notified%n", open);
                lastReport = Instant.now();
            }
            Thread.sleep(200);
        }
        out.printf("   %d cases still open after %d s; counted as not completed%n",
                runs.stream().filter(r -> !r.settled()).count(), timeout.toSeconds());
    }

    /** Waits until the backlog is back at its level at rest, twice in a row. */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int calm = 0;
        while (Instant.now().isBefore(deadline)) {
            if (probe.sample().total() <= idleBacklog) {
                if (++calm >= 2) {
                    return true;
                }
            } else {
                calm = 0;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Every active manifest entry of the benchmark's cases, over every IRN flight. */
    public Seats seats() {
        Set<UUID> ours = new HashSet<>();
        Set<UUID> notified = new HashSet<>();
        for (PhaseResult r : results) {
            for (CaseRun run : r.runs()) {
                if (run.caseId != null) {
                    ours.add(run.caseId);
                    if (run.notified()) {
                        notified.add(run.caseId);
                    }
                }
            }
        }
        URI flights = target.service("flight-service");
        Map<UUID, Integer> seatsPerCase = new HashMap<>();
        long seatsTwice = 0;
        long active = 0;
        long struck = 0;
        List<JsonNode> all = seeder.allFlights(flights);
        for (JsonNode flight : all) {
            JsonNode manifest = api.call(AgencyClient.FLIGHTS, "GET",
                    flights.resolve("/api/flights/" + flight.path("id").asText() + "/manifest"), null);
            Set<String> seatNumbers = new HashSet<>();
            for (JsonNode entry : manifest.path("active")) {
                UUID caseId = UUID.fromString(entry.path("caseId").asText());
                if (!ours.contains(caseId)) {
                    continue;
                }
                active++;
                seatsPerCase.merge(caseId, 1, Integer::sum);
                if (!seatNumbers.add(entry.path("seat").asText())) {
                    seatsTwice++;
                }
            }
            for (JsonNode entry : manifest.path("struck")) {
                if (ours.contains(UUID.fromString(entry.path("caseId").asText()))) {
                    struck++;
                }
            }
        }
        long twoSeats = seatsPerCase.values().stream().filter(n -> n > 1).count();
        long withoutSeat = notified.stream().filter(c -> !seatsPerCase.containsKey(c)).count();
        return new Seats(all.size(), active, twoSeats, seatsTwice, struck, withoutSeat);
    }

    static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format("%.1f", rate);
    }

    static String ms(double millis) {
        if (Double.isInfinite(millis)) {
            return "∞";
        }
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis >= 10_000 ? String.format("%.0f s", millis / 1000) : String.format("%.0f ms", millis);
    }

    @Override
    public void close() {
        workload.close();
        probe.close();
        api.close();
    }
}
