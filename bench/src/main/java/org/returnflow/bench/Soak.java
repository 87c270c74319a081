package org.returnflow.bench;

import org.returnflow.bench.chaos.Reconciliation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./returnflow soak --minutes N}: workload W1 at a steady rate for N minutes while every 30 s it
 * samples each JVM's resident memory and live heap ({@code jcmd GC.run}, then {@code GC.heap_info}),
 * PostgreSQL's proportional memory (the postmaster with its backends), and the row counts of the tables that grow
 * with traffic. At the end it fits a line through each series after a warm-up and says whether it is flat.
 * The tables the platform prunes ({@code processed_message}, sent {@code outbox_message}, correlated
 * {@code inbox_message}) must be flat once their retention has passed; the case records kept by design
 * ({@code case_history}, {@code audit_entry}, Camunda's {@code ACT_HI_*}, kept 180 days) must grow by the
 * same number of rows per case from the first half to the second.
 */
public final class Soak {

    static final String USAGE = """
            Usage: ./returnflow soak [--minutes 30] [--rate 1] [--out DIR]

              Workload W1 at --rate cases/s for --minutes, sampling every process's RSS and heap and the
              growing tables every 30 s; the results file says for each whether it stayed flat.
              ./returnflow soak starts the stack with the platform's retentions shortened (processed ids
              and sent outbox rows kept 2 minutes, housekeeping every 30 s), so that pruning shows
              within the run.
            """;

    /** Tables kept bounded by pruning: flat after their retention. */
    static final List<String> PRUNED = List.of("processed_message", "outbox_message", "inbox_message");
    /** Tables kept by design (S8 audit, case history, Camunda history with its time to live): rows per case must be steady. */
    static final List<String> KEPT = List.of("case_history", "audit_entry", "act_hi_procinst", "act_hi_actinst",
            "act_hi_varinst", "act_hi_detail", "act_hi_op_log", "act_hi_job_log");

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** One sample: when, cases notified so far, and each series' value. */
    record Sample(Instant at, long notified, Map<String, Double> values) {
    }

    private final Target target;
    private final PrintStream out;

    Soak(Target target, PrintStream out) {
        this.target = target;
        this.out = out;
    }

    static int main(String[] args, Path root, PrintStream out) throws Exception {
        int minutes = 30;
        double rate = 1;
        Path dir = root.resolve("bench/results/" + LocalDate.now(ZoneOffset.UTC) + "-chaos");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--out" -> dir = Path.of(args[++i]).toAbsolutePath();
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    out.print(USAGE);
                    return 2;
                }
            }
        }
        Target target = Target.ofLocalStack(root, System.getenv());
        out.printf("Returnflow soak: %d minutes at %s cases/s%n", minutes, Benchmark.format(rate));
        Soak soak = new Soak(target, out);
        Result result = soak.run(Duration.ofMinutes(minutes), rate);
        String text = result.report(minutes, rate, Machine.describe(root, target).oneLine());
        Files.createDirectories(dir);
        Path file = dir.resolve("soak-" + minutes + "min.md");
        Files.writeString(file, text);
        out.println();
        out.print(result.verdicts());
        out.println("Results: " + root.relativize(file));
        return result.flat() ? 0 : 1;
    }

    /** Every sample, the reconciliation at the end, and the verdict per series. */
    record Result(List<Sample> samples, Reconciliation reconciliation, Map<String, String> verdict) {

        boolean flat() {
            return verdict.values().stream().noneMatch(v -> v.startsWith("GROWING")) && reconciliation.clean();
        }

        String verdicts() {
            StringBuilder s = new StringBuilder();
            verdict.forEach((series, v) -> s.append(String.format("%-44s %s%n", series, v)));
            s.append(flat() ? "FLAT: memory of every process and the pruned tables stay flat; kept tables grow per case at a steady rate\n"
                    : "NOT FLAT (see above)\n");
            s.append(reconciliation.text());
            return s.toString();
        }

        String report(int minutes, double rate, String machine) {
            StringBuilder s = new StringBuilder("# Soak, " + minutes + " minutes, " + LocalDate.now(ZoneOffset.UTC) + "\n\n");
            s.append(String.format("Workload W1 at %s cases/s for %d minutes; a sample every 30 s. %s%n%n", Benchmark.format(rate),
                    minutes, machine));
            s.append("Flat means: the line fitted through the samples after the first fifth grows over that span by at most ")
                    .append("10 % of the series' mean (memory: or 32 MB). Kept tables: rows per case notified in the second half ")
                    .append("at most 10 % above the first half.\n\n## Verdict\n\n```\n").append(verdicts()).append("```\n\n## Samples\n\n");
            List<String> series = new ArrayList<>(samples.get(0).values().keySet());
            for (List<String> part : List.of(series.stream().filter(n -> !n.startsWith("rows ")).toList(),
                    series.stream().filter(n -> n.startsWith("rows ")).toList())) {
                s.append("| series |");
                samples.forEach(x -> s.append(' ').append(Duration.between(samples.get(0).at(), x.at()).toSeconds() / 60.0 > -1
                        ? String.format("%.1f min", Duration.between(samples.get(0).at(), x.at()).toSeconds() / 60.0) : "").append(" |"));
                s.append("\n|---|");
                samples.forEach(x -> s.append("---:|"));
                s.append("\n| cases notified |");
                samples.forEach(x -> s.append(' ').append(x.notified()).append(" |"));
                s.append('\n');
                for (String name : part) {
                    s.append("| ").append(name).append(" |");
                    samples.forEach(x -> s.append(' ').append(String.format("%.0f", x.values().getOrDefault(name, Double.NaN))).append(" |"));
                    s.append('\n');
                }
                s.append('\n');
            }
            s.append("Memory in MB: `rss` resident set of a JVM, `pss` of PostgreSQL (the postmaster and its backends, shared ")
                    .append("buffers shared out among them rather than counted once per backend), `heap` the live Java heap (after a full collection, `jcmd GC.run`); ")
                    .append("rows as counted.\n");
            return s.toString();
        }
    }

    Result run(Duration length, double rate) throws Exception {
        List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        List<UUID> everyone = new ArrayList<>();
        try (AgencyClient api = new AgencyClient(target); Workload workload = new Workload(api, Duration.ofMinutes(5))) {
            Seeder seeder = new Seeder(api, out, 4);
            MailCheck mail = new MailCheck(target.mailApi());
            Benchmark.prepare(api, seeder, mail, workload);
            Instant began = Instant.now();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "soak-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> {
                try {
                    Sample sample = sample(workload.events().notifiedEvents());
                    samples.add(sample);
                    out.printf("[%3d s] %d notified; %s%n", Duration.between(began, sample.at()).toSeconds(), sample.notified(),
                            brief(sample));
                } catch (RuntimeException e) {
                    out.println("sample failed: " + e);
                }
            }, 0, 30, TimeUnit.SECONDS);
            int chunk = Math.max(1, (int) Math.round(rate * 60));
            int minute = 0;
            while (Instant.now().isBefore(began.plus(length))) {
                seeder.seatsFor(chunk);
                List<UUID> detainees = seeder.detainees(chunk);
                everyone.addAll(detainees);
                workload.arrive("soak " + (++minute), rate, detainees);
            }
            Instant settle = Instant.now().plus(Duration.ofMinutes(5));
            while (Instant.now().isBefore(settle) && workload.events().notifiedEvents() < everyone.size()) {
                Thread.sleep(1000);
            }
            sampler.shutdown();
            sampler.awaitTermination(60, TimeUnit.SECONDS);
            samples.add(sample(workload.events().notifiedEvents()));
            Reconciliation reconciliation = Reconciliation.read(target, everyone, mail);
            mail.purge();
            return new Result(List.copyOf(samples), reconciliation, verdicts(samples));
        }
    }

    private static String brief(Sample sample) {
        StringBuilder s = new StringBuilder();
        sample.values().forEach((k, v) -> {
            if (k.startsWith("rss ") || k.startsWith("pss ") || k.equals("rows workflow processed_message") || k.equals("rows workflow outbox_message")) {
                s.append(k.replace("rows workflow ", "wf ")).append(' ').append(String.format("%.0f", v)).append(", ");
            }
        });
        return s.length() > 2 ? s.substring(0, s.length() - 2) : "";
    }

    private Sample sample(long notified) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, List<Long>> processes = target.processes().get();
        processes.forEach((name, pids) -> {
            if ("postgres".equals(name)) {
                // every backend maps the shared buffers: their RSS counts those pages once per backend that touched
                // them, and grows as backends touch more; PSS shares each page out among the processes mapping it
                values.put("pss " + name, pids.stream().mapToDouble(pid -> memoryMegabytes(pid, "Pss:", "smaps_rollup")).sum());
            } else {
                values.put("rss " + name, pids.stream().mapToDouble(pid -> memoryMegabytes(pid, "VmRSS:", "status")).sum());
            }
        });
        processes.forEach((name, pids) -> {
            if (!"postgres".equals(name)) {
                double heap = pids.stream().mapToDouble(Soak::heapMegabytes).sum();
                if (heap > 0) {
                    values.put("heap " + name, heap);
                }
            }
        });
        for (Map.Entry<String, String> db : target.databases().entrySet()) {
            try (Connection c = DriverManager.getConnection(target.jdbcUrl(db.getValue()), target.dbUser(), target.dbPassword())) {
                for (String table : concat(PRUNED, KEPT)) {
                    Long rows = rows(c, table);
                    if (rows != null) {
                        values.put("rows " + db.getKey() + " " + table, rows.doubleValue());
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count rows in " + db.getValue() + ": " + e.getMessage(), e);
            }
        }
        return new Sample(Instant.now(), notified, values);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Long rows(Connection c, String table) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException noSuchTable) {
            return null;
        }
    }

    /**
     * Memory of a process and all its descendants, in MB: the line {@code field} ({@code VmRSS:} of
     * {@code /proc/<pid>/status}, {@code Pss:} of {@code /proc/<pid>/smaps_rollup}).
     */
    static double memoryMegabytes(long pid, String field, String file) {
        List<Long> all = new ArrayList<>();
        all.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
        double kb = 0;
        for (long p : all) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p + "/" + file), StandardCharsets.UTF_8)) {
                    if (line.startsWith(field)) {
                        kb += Double.parseDouble(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended between the listing and the read
            }
        }
        return kb / 1024;
    }

    /**
     * The live Java heap (every generation, no metaspace), in MB: {@code jcmd <pid> GC.run}, a full
     * collection, then {@code GC.heap_info}. Heap merely in use saw-tooths with the collector (the serial
     * collector leaves the old generation to fill until it is full), which hides a leak or fakes one. 0 for
     * a process that is not a JVM.
     */
    static double heapMegabytes(long pid) {
        try {
            String jcmdPath = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process gc = new ProcessBuilder(jcmdPath, Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                return 0;
            }
            Process jcmd = new ProcessBuilder(jcmdPath, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return 0;
            }
            double kb = 0;
            for (String line : text.split("\n")) {
                if (line.contains("Metaspace") || line.contains("class space")) {
                    continue;
                }
                Matcher m = HEAP_USED.matcher(line);
                if (m.find() && (line.contains("generation") || line.contains("heap") || line.contains("space"))) {
                    kb += Double.parseDouble(m.group(1));
                    if (line.contains("heap")) {
                        break; // G1 and Parallel give the total on the heap line
                    }
                }
            }
            return kb / 1024;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** For each series: flat or growing, with its fitted growth. */
    static Map<String, String> verdicts(List<Sample> samples) {
        Map<String, String> verdict = new LinkedHashMap<>();
        int from = samples.size() / 5;
        List<Sample> window = samples.subList(from, samples.size());
        if (window.size() < 3) {
            verdict.put("samples", "GROWING? too few samples (" + samples.size() + ") to judge");
            return verdict;
        }
        for (String name : window.get(window.size() - 1).values().keySet()) {
            double[] t = new double[window.size()];
            double[] y = new double[window.size()];
            for (int i = 0; i < window.size(); i++) {
                t[i] = Duration.between(window.get(0).at(), window.get(i).at()).toMillis() / 1000.0;
                y[i] = window.get(i).values().getOrDefault(name, Double.NaN);
            }
            double mean = java.util.Arrays.stream(y).filter(v -> !Double.isNaN(v)).average().orElse(0);
            double growth = slope(t, y) * (t[t.length - 1] - t[0]);
            String table = name.substring(name.lastIndexOf(' ') + 1);
            if (name.startsWith("rows ") && KEPT.contains(table)) {
                verdict.put(name, perCase(samples, name));
            } else {
                double allowed = Math.max(0.10 * mean, name.startsWith("rows ") ? 50 : 32);
                verdict.put(name, String.format("%s: mean %.0f, fitted growth %+.0f over %.0f min (allowed %.0f)",
                        growth <= allowed ? "flat" : "GROWING", mean, growth, (t[t.length - 1] - t[0]) / 60, allowed));
            }
        }
        return verdict;
    }

    /** Rows added per case notified in the first half of the run against the second half: not more in the second. */
    private static String perCase(List<Sample> samples, String name) {
        Sample first = samples.get(0);
        Sample middle = samples.get(samples.size() / 2);
        Sample last = samples.get(samples.size() - 1);
        double a = rate(first, middle, name);
        double b = rate(middle, last, name);
        // rows are written while a case is in flight, before it counts as notified, so a half that notified its
        // backlog shows fewer rows per case; only more rows per case in the second half would mean a leak
        boolean steady = Double.isNaN(a) || Double.isNaN(b) || b <= 1.10 * a + 0.5;
        return String.format("%s per case: %.1f rows per case in the first half, %.1f in the second (kept by design)",
                steady ? "steady" : "GROWING", a, b);
    }

    private static double rate(Sample from, Sample to, String name) {
        long cases = to.notified() - from.notified();
        if (cases <= 0) {
            return Double.NaN;
        }
        return (to.values().getOrDefault(name, 0.0) - from.values().getOrDefault(name, 0.0)) / cases;
    }

    private static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                mx += x[i];
                my += y[i];
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        mx /= n;
        my /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                num += (x[i] - mx) * (y[i] - my);
                den += (x[i] - mx) * (x[i] - mx);
            }
        }
        return den == 0 ? 0 : num / den;
    }
}
