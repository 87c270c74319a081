package org.returnflow.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.stack.StackProcesses;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's smoke version, for CI: 100 cases of workload W1 at 5 cases/s, through the same
 * harness as {@code ./returnflow bench} (seeding, open-model arrivals, the simulated consent
 * officer, the event reader, the backlog probe and the duplicate checks), against the whole stack
 * started from its jars by the test kit's {@link StackProcesses}, with the local stack's SMTP sink,
 * whose API the duplicate check reads. Every case must reach NOTIFIED, with no duplicate
 * notification, seat or e-mail. It asserts nothing about time: CI machines are not quiet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeIT {

    private final Path root = Path.of(System.getProperty("returnflow.root", "..")).toAbsolutePath().normalize();
    private StackProcesses stack;
    private Target target;

    @BeforeAll
    void startTheStack() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        Path work = Path.of(System.getProperty("returnflow.bench.work", root.resolve("bench/target/smoke-stack").toString()));
        stack = StackProcesses.builder("smoke", root, work, infrastructure.postgres(), infrastructure.kafkaBootstrapServers())
                .withMailSink()
                .start();
        target = StackTarget.of(stack, infrastructure.postgres(), infrastructure.kafkaBootstrapServers());
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void hundredCasesAtFivePerSecondAllReachNotifiedWithoutDuplicates() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Benchmark.Pacing pacing = new Benchmark.Pacing(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(2),
                Duration.ZERO, 4);
        try (Benchmark bench = new Benchmark(target, pacing, out)) {
            bench.prepare();
            PhaseResult smoke = bench.phase("smoke", "SMOKE", 5, Duration.ofSeconds(20));
            Benchmark.Seats seats = bench.seats();

            assertThat(stack.died()).as("processes that stopped during the run" + stack.tails(40)).isEmpty();
            assertThat(smoke.sent()).isEqualTo(100);
            assertThat(smoke.started()).as("cases opened with 201").isEqualTo(100);
            assertThat(smoke.runs().stream().filter(r -> !r.notified()).map(r -> r.detaineeId + ": status " + r.status
                    + ", stuck in " + r.stuckIn + ", " + r.error).toList())
                    .as("cases that did not reach NOTIFIED").isEmpty();
            assertThat(smoke.completion()).isEqualTo(1.0);
            assertThat(smoke.notifiedTwice()).as("cases notified twice").isZero();
            assertThat(seats.activeEntries()).as("active seats of the cases").isEqualTo(100);
            assertThat(seats.casesWithTwoSeats()).as("cases holding two seats").isZero();
            assertThat(seats.seatsHeldTwice()).as("seats held by two cases").isZero();
            assertThat(seats.notifiedWithoutSeat()).as("notified cases without a seat").isZero();
            assertThat(smoke.mail().messages()).as("e-mails received: person, counsel and consulate per case").isEqualTo(300);
            assertThat(smoke.mail().duplicateMessages()).as("e-mails delivered twice").isZero();
        }
    }
}
