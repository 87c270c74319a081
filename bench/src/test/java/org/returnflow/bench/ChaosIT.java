package org.returnflow.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.bench.chaos.Faults;
import org.returnflow.bench.chaos.Reconciliation;
import org.returnflow.testkit.stack.ServerProcesses;
import org.returnflow.testkit.stack.StackProcesses;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reduced chaos test: {@code returnflow.chaos.cases} cases (default 20) of workload W1 flow while the
 * workflow, the flight service and the broker are SIGKILLed and started again, and PostgreSQL (server and
 * every backend) is SIGKILLed and kept down for 60 s before it starts again on the same data and port.
 * The stack is the applications from their jars ({@link StackProcesses}) on a PostgreSQL and a broker that
 * are processes of their own ({@link ServerProcesses}): the test kit's broker lives inside the test JVM
 * and cannot be killed. Then it reconciles from the stack's records: every case NOTIFIED or visibly stuck
 * (an incident or a parked row), one seat each, three delivered notices per notified case, no e-mail twice
 * by Message-ID, no outbox row unsent and no dead letter. Nothing is asserted about time.
 *
 * <p>It runs with {@code -Pchaos} ({@code .ci/run}) or when named: {@code ./mvnw -B -o -pl bench verify
 * -Dit.test=ChaosIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}. The full form is {@code ./returnflow chaos}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosIT {

    private final Path root = Path.of(System.getProperty("returnflow.root", "..")).toAbsolutePath().normalize();
    private final Path work = Path.of(System.getProperty("returnflow.chaos.work",
            root.resolve("bench/target/chaos-stack").toString()));
    private ServerProcesses servers;
    private StackProcesses stack;

    @BeforeAll
    void startTheStackOnServersThatCanBeKilled() throws Exception {
        servers = ServerProcesses.start(root, work.resolve("servers"));
        stack = StackProcesses.builder("chaos", root, work, servers.postgres(), servers.kafkaBootstrapServers())
                .withMailSink()
                // Jobs the job executor had locked when PostgreSQL died run again only once their lock expires
                // (the workflow's 5 minutes); a minute keeps the test's recovery within CI's budget. The jobs here
                // take milliseconds, so a lock never expires under a running job.
                .environment(StackProcesses.WORKFLOW, Map.of("CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS", "60000"))
                .start();
    }

    @AfterAll
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    /** Kills and restarts a server ({@value Faults#POSTGRES}, {@value Faults#KAFKA}) or an application of the stack. */
    private Faults faults() {
        return new Faults() {
            @Override
            public void kill(String name) throws Exception {
                if (Faults.POSTGRES.equals(name) || Faults.KAFKA.equals(name)) {
                    servers.kill(name);
                } else {
                    stack.kill(name);
                }
            }

            @Override
            public void restart(String name) throws Exception {
                if (Faults.POSTGRES.equals(name) || Faults.KAFKA.equals(name)) {
                    servers.restart(name);
                } else {
                    stack.restart(name);
                }
            }
        };
    }

    @Test
    void everyCaseSettlesOnceWhileTheWorkflowAServiceTheBrokerAndPostgresqlAreKilled() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int cases = Integer.getInteger("returnflow.chaos.cases", 20);
        Duration gap = Duration.ofSeconds(5);
        List<Faults.Fault> schedule = List.of(
                new Faults.Fault(StackProcesses.WORKFLOW, Duration.ofSeconds(5), gap),
                new Faults.Fault("flight-service", Duration.ofSeconds(5), gap),
                new Faults.Fault(Faults.KAFKA, Duration.ofSeconds(15), gap),
                new Faults.Fault(Faults.POSTGRES, Duration.ofSeconds(60), Duration.ZERO));
        ChaosRun.Plan plan = new ChaosRun.Plan(cases, 0.5, Duration.ofSeconds(5), schedule, Duration.ofMinutes(10));
        Target target = StackTarget.of(stack, servers.postgres(), servers.kafkaBootstrapServers());

        ChaosRun.Outcome outcome = new ChaosRun(target, faults(), out).run(plan);
        Reconciliation r = outcome.reconciliation();
        out.print(r.text());

        assertThat(stack.died()).as("processes that stopped although nobody killed them" + stack.tails(40)).isEmpty();
        assertThat(outcome.faultLog()).as("faults done and undone").hasSize(schedule.size());
        assertThat(r.cases()).as("cases opened, one per detainee").isEqualTo(cases);
        assertThat(r.unsettled().stream().filter(u -> u.endsWith("nothing visible")).toList())
                .as("cases neither NOTIFIED nor showing an incident or a parked row").isEmpty();
        assertThat(r.notified()).as("cases NOTIFIED").isPositive();
        assertThat(r.casesWithTwoSeats()).as("cases holding two seats").isZero();
        assertThat(r.seatsHeldTwice()).as("seats held by two cases").isZero();
        assertThat(r.notifiedWithoutSeat()).as("notified cases without a seat").isZero();
        assertThat(r.notifiedNotThree()).as("notified cases without exactly three delivered notices").isZero();
        assertThat(r.emailsTwice()).as("e-mails delivered twice (same Message-ID)").isZero();
        assertThat(r.emails()).as("e-mails: three per notified case").isEqualTo(3 * r.notified());
        assertThat(r.unsentOutbox()).as("outbox rows not sent, by application").allSatisfy((app, n) -> assertThat(n).isZero());
        assertThat(r.deadLetters()).as("records on dead-letter topics").isEmpty();
    }
}
