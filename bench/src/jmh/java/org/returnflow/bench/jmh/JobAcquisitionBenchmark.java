package org.returnflow.bench.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.returnflow.bench.engine.EngineOnly;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * One job acquisition of the Camunda engine ({@code AcquireJobsCmd}, as the job executor runs it
 * after every new job and on every poll) against a real PostgreSQL, with {@code waitingTimers}
 * timers due tomorrow (the reply and consent timeouts that every waiting case keeps) and
 * {@code dueJobs} async continuations due now (none: the executor's poll at rest; one: the hint
 * after a job was written, the common case under load).
 * <ul>
 *   <li>{@code byDueDate=false}: Camunda's default, {@code DUEDATE_ is null or DUEDATE_ <= now},
 *   which reads every job;</li>
 *   <li>{@code byDueDate=true}: the workflow's {@code DueDateJobAcquisition}: every job has a due
 *   date, acquisition orders by it, and an index on {@code DUEDATE_} stops at the first job not due.</li>
 * </ul>
 * The locks each acquisition takes are released after it (not measured), so every acquisition finds
 * the same due jobs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JobAcquisitionBenchmark {

    @Param({"100", "2000"})
    public int waitingTimers;

    @Param({"false", "true"})
    public boolean byDueDate;

    @Param({"0", "1"})
    public int dueJobs;

    private EmbeddedPostgres postgres;
    private HikariDataSource dataSource;
    private ProcessEngine engine;
    private ProcessEngineConfigurationImpl configuration;
    private DefaultJobExecutor jobExecutor;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off").start();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        pool.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(pool);

        StandaloneProcessEngineConfiguration config = EngineOnly.workflowSettings(dataSource,
                "acquisition-" + waitingTimers + "-" + byDueDate + "-" + dueJobs);
        // byDueDate=false: Camunda's defaults, as the workflow ran before DueDateJobAcquisition
        config.setEnsureJobDueDateNotNull(byDueDate);
        config.setJobExecutorAcquireByDueDate(byDueDate);
        jobExecutor = new DefaultJobExecutor();
        jobExecutor.setMaxJobsPerAcquisition(4);
        config.setJobExecutor(jobExecutor);
        config.setJobExecutorActivate(false);
        engine = config.buildProcessEngine();
        configuration = config;
        if (byDueDate) {
            EngineOnly.createDueDateIndex(dataSource);
        }

        engine.getRepositoryService().createDeployment()
                .addModelInstance("waiting.bpmn", Bpmn.createExecutableProcess("waiting").camundaHistoryTimeToLive(1)
                        .startEvent().intermediateCatchEvent().timerWithDuration("P1D").endEvent().done())
                .addModelInstance("due.bpmn", Bpmn.createExecutableProcess("due").camundaHistoryTimeToLive(1)
                        .startEvent().manualTask().camundaAsyncBefore().endEvent().done())
                .deploy();
        RuntimeService runtime = engine.getRuntimeService();
        for (int i = 0; i < waitingTimers; i++) {
            runtime.startProcessInstanceByKey("waiting");
        }
        for (int i = 0; i < dueJobs; i++) {
            runtime.startProcessInstanceByKey("due");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("analyze ACT_RU_JOB");
        }
    }

    @Benchmark
    public int acquire() {
        AcquiredJobs acquired = configuration.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(jobExecutor));
        return acquired.size();
    }

    @TearDown(Level.Invocation)
    public void unlock() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null "
                    + "where LOCK_OWNER_ is not null");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        dataSource.close();
        postgres.close();
    }
}
