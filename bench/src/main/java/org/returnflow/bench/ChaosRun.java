package org.returnflow.bench;

import org.returnflow.bench.chaos.Faults;
import org.returnflow.bench.chaos.Reconciliation;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cases of workload W1 flowing while processes of the stack are SIGKILLed and started again, then a
 * reconciliation from the stack's own records ({@link Reconciliation}). The arrivals and the faults run
 * side by side: the faults start a little after the first case and follow their schedule one after the
 * other (kill, stay down, start again, wait); the agencies' client and the consent officer keep trying a
 * request the stack could not answer, as real clients would. Then it waits until every case is NOTIFIED
 * (or the settle timeout passes) and the backlog has drained, and reconciles.
 */
public final class ChaosRun {

    /** What to run: how many cases, at what rate, which faults, and how long to wait for the cases to settle. */
    public record Plan(int cases, double rate, Duration firstFaultAfter, List<Faults.Fault> faults, Duration settleTimeout) {
    }

    /** The run's outcome: the faults as done, and the reconciliation. */
    public record Outcome(List<String> faultLog, Reconciliation reconciliation, Duration elapsed) {
    }

    static final String USAGE = """
            Usage: ./returnflow chaos [--cases 200] [--rate 0.33] [--pg-down 180s] [--down 10s] [--kills A,B,..] [--out DIR]

              Cases of workload W1 arrive while processes of the running stack are SIGKILLed and started
              again with ./returnflow up: the workflow, each service, the broker, the workflow again, and
              PostgreSQL (server and backends) for --pg-down. Then it reconciles from the stack's records:
              every case NOTIFIED or visibly stuck, seats, notices, e-mails by Message-ID, unsent outbox
              rows, parked rows, incidents and dead letters. Exit 0 only when it reconciles.

              --cases     how many cases (default 200)
              --rate      arrivals per second (default 0.33: the cases arrive while the faults run)
              --pg-down   how long PostgreSQL stays down (default 180s)
              --down      how long each other process stays down (default 10s; the broker 30s)
              --kills     which processes, in order (default workflow, the four services, kafka, workflow, postgres)
              --out       where the results file goes (default bench/results/<date>-chaos)
            """;

    /** {@code java -jar bench.jar chaos …} against the stack of {@code ./returnflow up}. */
    static int main(String[] args, java.nio.file.Path root, PrintStream out) throws Exception {
        int cases = 200;
        double rate = 0.33;
        Duration pgDown = Duration.ofSeconds(180);
        Duration down = Duration.ofSeconds(10);
        List<String> kills = List.of("workflow", "detention-service", "consent-service", "flight-service",
                "notification-service", Faults.KAFKA, "workflow", Faults.POSTGRES);
        java.nio.file.Path dir = root.resolve("bench/results/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "-chaos");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--pg-down" -> pgDown = Bench.Options.duration(args[++i]);
                case "--down" -> down = Bench.Options.duration(args[++i]);
                case "--kills" -> kills = List.of(args[++i].split(","));
                case "--out" -> dir = java.nio.file.Path.of(args[++i]).toAbsolutePath();
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
        Duration gap = Duration.ofSeconds(20);
        List<Faults.Fault> schedule = new java.util.ArrayList<>();
        for (String name : kills) {
            Duration howLong = Faults.POSTGRES.equals(name) ? pgDown : Faults.KAFKA.equals(name) ? down.multipliedBy(3) : down;
            schedule.add(new Faults.Fault(name.trim(), howLong, gap));
        }
        Plan plan = new Plan(cases, rate, Duration.ofSeconds(15), schedule, Duration.ofMinutes(15));
        Target target = Target.ofLocalStack(root, System.getenv());
        out.printf("Returnflow chaos: %d cases, %d kills%n", cases, schedule.size());
        Outcome outcome = new ChaosRun(target, new org.returnflow.bench.chaos.LocalStackFaults(root), out).run(plan);
        String text = report(plan, outcome, Machine.describe(root, target).oneLine());
        out.println();
        out.print(outcome.reconciliation().text());
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path file = dir.resolve("chaos.md");
        java.nio.file.Files.writeString(file, text);
        out.println("Results: " + root.relativize(file));
        return outcome.reconciliation().clean() ? 0 : 1;
    }

    /** The results file: the plan, the faults as done, the reconciliation. */
    public static String report(Plan plan, Outcome outcome, String machine) {
        StringBuilder s = new StringBuilder("# Chaos run, " + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "\n\n");
        s.append(String.format("%d cases of workload W1 at %s/s, %d SIGKILLs, %d s in all. %s%n%n", plan.cases(),
                Benchmark.format(plan.rate()), plan.faults().size(), outcome.elapsed().toSeconds(), machine));
        s.append("## Faults\n\n```\n");
        outcome.faultLog().forEach(line -> s.append(line).append('\n'));
        s.append("```\n\n## Reconciliation\n\n```\n").append(outcome.reconciliation().text()).append("```\n");
        return s.toString();
    }

    private final Target target;
    private final Faults faults;
    private final PrintStream out;

    public ChaosRun(Target target, Faults faults, PrintStream out) {
        this.target = target;
        this.faults = faults;
        this.out = out;
    }

    public Outcome run(Plan plan) throws Exception {
        Instant began = Instant.now();
        List<String> faultLog = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (AgencyClient api = new AgencyClient(target);
             Workload workload = new Workload(api, plan.settleTimeout())) {
            Seeder seeder = new Seeder(api, out, 4);
            MailCheck mail = new MailCheck(target.mailApi());
            Benchmark.prepare(api, seeder, mail, workload);
            seeder.seatsFor(plan.cases());
            List<UUID> detainees = seeder.detainees(plan.cases());
            out.printf("seeded %d detainees and their seats; %d cases arrive at %s/s while %d faults run: %s%n",
                    detainees.size(), plan.cases(), Benchmark.format(plan.rate()), plan.faults().size(), plan.faults());

            AtomicReference<Throwable> faultFailure = new AtomicReference<>();
            Thread faulting = new Thread(() -> {
                try {
                    Thread.sleep(plan.firstFaultAfter().toMillis());
                    for (Faults.Fault fault : plan.faults()) {
                        inject(fault, began, faultLog);
                    }
                } catch (Throwable e) {
                    faultFailure.set(e);
                }
            }, "chaos-faults");
            faulting.start();
            workload.arrive("chaos", plan.rate(), detainees);
            out.printf("%s all %d cases sent; faults still running: %s%n", at(began), plan.cases(), faulting.isAlive());
            faulting.join();
            if (faultFailure.get() != null) {
                throw new IllegalStateException("a fault could not be done or undone: " + faultFailure.get(), faultFailure.get());
            }
            List<CaseRun> runs = workload.runs("chaos");
            Instant deadline = Instant.now().plus(plan.settleTimeout());
            Instant report = Instant.now();
            while (Instant.now().isBefore(deadline) && runs.stream().anyMatch(r -> !r.notified())) {
                if (Duration.between(report, Instant.now()).toSeconds() >= 30) {
                    out.printf("%s %d cases not yet notified%n", at(began), runs.stream().filter(r -> !r.notified()).count());
                    report = Instant.now();
                }
                Thread.sleep(1000);
            }
            out.printf("%s %d/%d cases seen NOTIFIED; waiting for the stack to drain, then reconciling%n", at(began),
                    runs.stream().filter(CaseRun::notified).count(), runs.size());
            Reconciliation reconciliation = awaitDrained(detainees, mail, began);
            return new Outcome(List.copyOf(faultLog), reconciliation, Duration.between(began, Instant.now()));
        }
    }

    private void inject(Faults.Fault fault, Instant began, List<String> faultLog) throws Exception {
        faults.kill(fault.name());
        Instant killed = Instant.now();
        out.printf("%s SIGKILL %s%n", at(began), fault.name());
        Thread.sleep(fault.down().toMillis());
        faults.restart(fault.name());
        String line = String.format("%s SIGKILL %s, down %d s, back after %d s", at(killed, began),
                fault.name(), fault.down().toSeconds(), Duration.between(killed, Instant.now()).toSeconds());
        faultLog.add(line);
        out.printf("%s %s is back (%d s after the kill)%n", at(began), fault.name(), Duration.between(killed, Instant.now()).toSeconds());
        Thread.sleep(fault.after().toMillis());
    }

    /**
     * Reconciles until nothing is in flight any more (no unsent outbox row, every case NOTIFIED or visibly
     * stuck, the e-mails all arrived) or three minutes pass, and returns the last reading.
     */
    private Reconciliation awaitDrained(List<UUID> detainees, MailCheck mail, Instant began) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        Reconciliation last = null;
        while (true) {
            try {
                last = Reconciliation.read(target, detainees, mail);
                if (last.clean() || Instant.now().isAfter(deadline)) {
                    return last;
                }
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    if (last != null) {
                        return last;
                    }
                    throw e;
                }
                out.printf("%s reconciliation not readable yet: %s%n", at(began), e.getMessage());
            }
            Thread.sleep(5000);
        }
    }

    private static String at(Instant began) {
        return at(Instant.now(), began);
    }

    private static String at(Instant when, Instant began) {
        long s = Duration.between(began, when).toSeconds();
        return String.format("[%02d:%02d]", s / 60, s % 60);
    }
}
