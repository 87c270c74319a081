package org.returnflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnflow.bench.engine.EngineOnly;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./returnflow bench}: how fast the running stack carries cases. Workload W1 arrives in steps
 * of rising rate until the stack stops keeping up (the knee), then runs at 70 % of the knee for the
 * latency, CPU, commit and record figures; the same BPMN runs on a bare engine for the cost of
 * distribution; JFR profiles the stack at 70 %; the results go to {@code bench/results/<date>.md}
 * with a chart beside it. {@code java -jar bench.jar --help} lists the options.
 */
public final class Bench {

    /** The command line. */
    public record Options(boolean quick, List<Double> rates, Duration step, Duration warmup, Duration idle,
                          boolean refine, boolean baseline, Duration baselineSeconds, Duration baselineWarmup,
                          int baselineInFlight, boolean profile, Duration profileSeconds, Path root, Path out) {

        static Options parse(String[] args, Path root) {
            boolean quick = Arrays.asList(args).contains("--quick");
            List<Double> rates = quick ? List.of(2.0, 5.0) : List.of(5.0, 10.0, 20.0, 40.0, 80.0);
            Duration step = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
            Duration warmup = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
            Duration idle = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
            boolean refine = !quick;
            boolean baseline = true;
            Duration baselineSeconds = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
            Duration baselineWarmup = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20);
            int inFlight = 60;
            boolean profile = !quick;
            Duration profileSeconds = null;
            Path out = root.resolve("bench/results");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> {
                    }
                    case "--rates" -> rates = Arrays.stream(value(args, ++i, a).split(",")).map(String::trim)
                            .map(Double::parseDouble).toList();
                    case "--step" -> step = duration(value(args, ++i, a));
                    case "--warmup" -> warmup = duration(value(args, ++i, a));
                    case "--idle" -> idle = duration(value(args, ++i, a));
                    case "--refine" -> refine = true;
                    case "--no-refine" -> refine = false;
                    case "--no-baseline" -> baseline = false;
                    case "--baseline" -> baselineSeconds = duration(value(args, ++i, a));
                    case "--in-flight" -> inFlight = Integer.parseInt(value(args, ++i, a));
                    case "--profile" -> profile = true;
                    case "--no-profile" -> profile = false;
                    case "--profile-time" -> profileSeconds = duration(value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a)).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
                throw new IllegalArgumentException("--rates needs positive rates, e.g. 5,10,20");
            }
            rates = rates.stream().sorted().toList();
            return new Options(quick, rates, step, warmup, idle, refine, baseline, baselineSeconds, baselineWarmup,
                    inFlight, profile, profileSeconds == null ? step : profileSeconds, root, out);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        static Duration duration(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
            if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        }
    }

    static final String USAGE = """
            Usage: ./returnflow bench [--quick] [--rates 5,10,20,40,80] [--step 60s] [--warmup 30s]
                                      [--no-refine] [--no-baseline] [--baseline 60s] [--in-flight 60]
                                      [--no-profile] [--profile-time 60s] [--idle 30s] [--out DIR]

              --quick         a trial: rates 2,5, 20 s steps, 10 s warm-up, short baseline, no profile
              --rates         arrival rates in cases/s, raised until the stack stops keeping up (the knee)
              --step          how long each rate runs (default 60s)
              --warmup        a first run at the lowest rate that is not counted (default 30s)
              --no-refine     do not try the rate half-way between the knee and the first rate past it
              --no-baseline   skip the engine-only baseline (same BPMN on a bare engine)
              --baseline      how long the engine-only baseline measures at saturation (default 60s)
              --in-flight     cases the engine-only baseline keeps open at saturation (default 60)
              --no-profile    skip the JFR profile of the stack at 70 % of the knee
              --idle          how long the stack's cost at rest is measured (default 30s)
              --out           where the results go (default bench/results)
            """;

    private final Options options;
    private final PrintStream out;

    Bench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "engine-only".equals(args[0])) {
            EngineOnly.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length >= 2 && "profile-summary".equals(args[0])) {
            // java -jar bench.jar profile-summary DIR [RATE]: the profile section again, from saved recordings
            List<Profiles.Summary> summaries = new ArrayList<>();
            try (var files = java.nio.file.Files.list(Path.of(args[1]))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".jfr")).sorted().toList()) {
                    summaries.add(Profiles.summarise(f.getFileName().toString().replace(".jfr", ""), f));
                }
            }
            System.out.print(Report.profileSection(summaries, args.length > 2 ? Double.parseDouble(args[2]) : Double.NaN, ""));
            return;
        }
        if (args.length > 0 && ("chaos".equals(args[0]) || "soak".equals(args[0]))) {
            Path root = Path.of(System.getProperty("returnflow.root", System.getenv().getOrDefault("RETURNFLOW_ROOT", ".")))
                    .toAbsolutePath().normalize();
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit("chaos".equals(args[0]) ? ChaosRun.main(rest, root, out) : Soak.main(rest, root, out));
            return;
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        System.setProperty("java.awt.headless", "true");
        Path root = Path.of(System.getProperty("returnflow.root", System.getenv().getOrDefault("RETURNFLOW_ROOT", ".")))
                .toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("returnflow bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new Bench(options, out).run());
    }

    int run() throws Exception {
        Target target = Target.ofLocalStack(options.root(), System.getenv());
        Machine machine = Machine.describe(options.root(), target);
        Instant began = Instant.now();
        out.println("Returnflow benchmark" + (options.quick() ? " (quick trial)" : "") + ": workload W1, rates "
                + options.rates() + " cases/s, " + options.step().toSeconds() + " s each");
        out.println(machine.oneLine());
        try (Benchmark bench = new Benchmark(target, Benchmark.Pacing.defaults(), out)) {
            bench.prepare();
            bench.awaitQuiet(Duration.ofSeconds(120));
            Idle idle = idle(bench);

            if (!options.warmup().isZero()) {
                bench.phase("warm-up", "WARM_UP", options.rates().get(0), options.warmup());
            }
            PhaseResult lastKeptUp = null;
            PhaseResult firstPast = null;
            for (double rate : options.rates()) {
                PhaseResult step = bench.phase("step " + Benchmark.format(rate) + "/s", "STEP", rate, options.step());
                if (step.keepsUp()) {
                    lastKeptUp = step;
                } else {
                    firstPast = step;
                    out.printf("   %s/s is past the knee: %s; not raising the rate%n", Benchmark.format(rate), why(step));
                    break;
                }
            }
            // Even the lowest rate did not keep up: halve it until one does (at most four times, not below 0.5/s).
            for (int tries = 0; lastKeptUp == null && firstPast != null && tries < 4 && firstPast.rate() / 2 >= 0.5; tries++) {
                double lower = Math.round(firstPast.rate() / 2 * 10) / 10.0;
                PhaseResult step = bench.phase("step " + Benchmark.format(lower) + "/s", "STEP", lower, options.step());
                if (step.keepsUp()) {
                    lastKeptUp = step;
                } else {
                    out.printf("   %s/s is past the knee too: %s%n", Benchmark.format(lower), why(step));
                    firstPast = step;
                }
            }
            if (options.refine() && firstPast != null) {
                double low = lastKeptUp == null ? 0 : lastKeptUp.rate();
                double mid = Math.round((low + firstPast.rate()) / 2 * 10) / 10.0;
                if (mid > low && mid < firstPast.rate() && mid >= 1) {
                    PhaseResult refine = bench.phase("refine " + Benchmark.format(mid) + "/s", "REFINE", mid, options.step());
                    if (refine.keepsUp()) {
                        lastKeptUp = refine;
                    } else {
                        out.printf("   %s/s is past the knee too: %s%n", Benchmark.format(mid), why(refine));
                    }
                }
            }
            double knee = lastKeptUp == null ? 0 : lastKeptUp.rate();
            double base = knee > 0 ? knee : bench.results().stream().mapToDouble(PhaseResult::rate).min().orElse(1);
            double at70 = Math.max(0.5, Math.round(0.7 * base * 10) / 10.0);
            PhaseResult seventy = bench.phase("70% of the knee (" + Benchmark.format(at70) + "/s)", "AT_70", at70, options.step());

            List<EngineRun> engine = new ArrayList<>();
            if (options.baseline()) {
                out.printf("%n== Engine-only baseline: the same BPMN and DMN on a bare engine, replies answered inside it%n");
                engine.add(engineOnly(bench, target, "saturate", options.baselineSeconds(), options.baselineWarmup(),
                        options.baselineInFlight()));
                engine.add(engineOnly(bench, target, "rate", options.step(), Duration.ofSeconds(5), at70));
            }

            List<Profiles.Summary> profiles = List.of();
            if (options.profile()) {
                out.printf("%n== Profile: JFR in every JVM of the stack while cases arrive at %s/s%n", Benchmark.format(at70));
                Profiles recorder = new Profiles(options.root().resolve("bench/target/jfr"));
                List<List<Profiles.Summary>> recorded = new ArrayList<>();
                bench.phase("profile at " + Benchmark.format(at70) + "/s (JFR on)", "PROFILE", at70, options.profileSeconds(),
                        new Benchmark.Hooks() {
                            @Override
                            public void measuring() {
                                recorder.start(target.processes().get(), out);
                            }

                            @Override
                            public void drained() throws Exception {
                                recorded.add(recorder.stop());
                            }
                        });
                profiles = recorded.isEmpty() ? List.of() : recorded.get(0);
            }

            Benchmark.Seats seats = bench.seats();
            Report report = new Report(options, machine, began, Instant.now(), bench.results(), knee, seventy, idle,
                    engine, seats, profiles);
            Report.Written written = report.write(options.out());
            out.println();
            out.print(report.summaryTable());
            out.printf("%nResults: %s%nChart:   %s%n", options.root().relativize(written.markdown()),
                    options.root().relativize(written.chart()));
            return 0;
        }
    }

    private static String why(PhaseResult r) {
        List<String> reasons = new ArrayList<>();
        if (r.notified() < r.sent()) {
            reasons.add((r.sent() - r.notified()) + " of " + r.sent() + " cases not notified in time");
        }
        if (r.latency(99) >= 1000) {
            reasons.add("p99 " + Benchmark.ms(r.latency(99)));
        }
        if (!r.backlogFlat()) {
            reasons.add(String.format("backlog grew by %.0f", r.backlogGrowth()));
        }
        return String.join(", ", reasons);
    }

    /** The stack's cost at rest: pollers, schedulers, health. */
    public record Idle(StackMeter.Delta delta, long probeStatements) {
        double seconds() {
            return delta.elapsed().toMillis() / 1000.0;
        }

        double cpuMillisPerSecond() {
            return delta.stackCpuMillis() / seconds();
        }

        double commitsPerSecond() {
            return (delta.commits() - probeStatements) / seconds();
        }

        double recordsPerSecond() {
            return delta.records() / seconds();
        }

        double cpuMillisPerSecond(String process) {
            return delta.cpuMillis().getOrDefault(process, 0.0) / seconds();
        }
    }

    private Idle idle(Benchmark bench) throws InterruptedException {
        out.printf("%n== The stack at rest, %d s%n", options.idle().toSeconds());
        Thread.sleep(11_000);
        long statements = bench.probe().statements();
        StackMeter.Reading before = bench.meter().read();
        Thread.sleep(options.idle().toMillis());
        StackMeter.Reading after = bench.meter().read();
        Idle idle = new Idle(bench.meter().between(before, after), bench.probe().statements() - statements);
        out.printf("   %.1f CPU-ms/s, %.1f commits/s, %.1f records/s with nothing to do%n", idle.cpuMillisPerSecond(),
                idle.commitsPerSecond(), idle.recordsPerSecond());
        return idle;
    }

    /** One run of the engine-only harness, with the machine's counters over its measured window. */
    public record EngineRun(String mode, JsonNode result, StackMeter.Delta delta, double harnessCpuMillis) {
        long notified() {
            return result.path("notified").asLong();
        }

        double throughput() {
            return "saturate".equals(mode) ? result.path("throughput").asDouble()
                    : notified() / Math.max(1e-9, result.path("seconds").asDouble());
        }

        /** The harness's JVM and PostgreSQL, per case. */
        double cpuPerCase() {
            return (harnessCpuMillis + delta.cpuMillis().getOrDefault("postgres", 0.0)) / Math.max(1, notified());
        }

        double commitsPerCase() {
            return delta.commits() / (double) Math.max(1, notified());
        }

        double latency(String name) {
            JsonNode v = result.path(name);
            return v.isTextual() ? Double.POSITIVE_INFINITY : v.asDouble(Double.NaN);
        }
    }

    private EngineRun engineOnly(Benchmark bench, Target target, String mode, Duration seconds, Duration warmup,
                                 double parameter) throws Exception {
        Path jar = Path.of(System.getProperty("returnflow.bench.jar",
                options.root().resolve("bench/target/bench.jar").toString()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + System.getenv().getOrDefault("RETURNFLOW_APP_HEAP", "384m"));
        String javaOptions = System.getenv().getOrDefault("RETURNFLOW_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        command.addAll(Arrays.stream(javaOptions.trim().split("\\s+")).filter(s -> !s.isBlank()).toList());
        command.addAll(List.of("-jar", jar.toString(), "engine-only", target.jdbcServer(), target.dbUser(),
                target.dbPassword().isEmpty() ? "-" : target.dbPassword(), "bench_engine", mode,
                Long.toString(seconds.toSeconds()), Long.toString(warmup.toSeconds()), Double.toString(parameter)));
        out.printf("   %s: %s%n", mode, "saturate".equals(mode) ? (int) parameter + " cases kept open"
                : Benchmark.format(parameter) + " cases/s, open model");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StackMeter.Reading before = null;
        long harnessBefore = 0;
        StackMeter.Delta delta = null;
        double harnessCpu = 0;
        JsonNode result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("WINDOW START")) {
                    harnessBefore = StackMeter.ticksOf(process.pid());
                    before = bench.meter().read();
                } else if (line.equals("WINDOW END") && before != null) {
                    harnessCpu = (StackMeter.ticksOf(process.pid()) - harnessBefore) * StackMeter.MILLIS_PER_TICK;
                    delta = bench.meter().between(before, bench.meter().read());
                } else if (line.startsWith("RESULT ")) {
                    result = new ObjectMapper().readTree(line.substring("RESULT ".length()));
                } else if (!line.contains(" INFO ") && !line.contains("DEBUG")) {
                    out.println("   | " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null || delta == null) {
            throw new IllegalStateException("the engine-only baseline failed (exit " + exit + "); see the lines above");
        }
        EngineRun run = new EngineRun(mode, result, delta, harnessCpu);
        out.printf("   %.1f cases/s; p50 %s, p99 %s; %.1f CPU-ms and %.1f commits per case%n", run.throughput(),
                Benchmark.ms(run.latency("p50")), Benchmark.ms(run.latency("p99")), run.cpuPerCase(), run.commitsPerCase());
        return run;
    }

}
