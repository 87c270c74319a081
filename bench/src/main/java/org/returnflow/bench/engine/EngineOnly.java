package org.returnflow.bench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

import javax.sql.DataSource;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine-only baseline: the workflow's own BPMN ({@code removal-case}) and DMN
 * ({@code destination-requirements}), deployed on a bare Camunda engine on the stack's PostgreSQL
 * server (a database of its own), with the workflow's engine settings (history FULL, strong UUIDs,
 * the job executor sized for 2 cores and acquiring by due date through an index, a pool of 12 connections) and the services' replies answered
 * inside the engine. No Kafka, no outbox, no services: what is left is the engine's cost of the model.
 *
 * <p>It runs as its own JVM with the stack's JVM options, so that it competes for the machine as
 * the workflow does. It prints progress lines, {@code WINDOW START}/{@code WINDOW END} around the
 * measured window (the parent reads the stack's counters there), and one {@code RESULT {json}} line.
 *
 * <p>Modes: {@code saturate} keeps {@code inFlight} cases open (a closed loop that keeps the engine
 * busy) and measures completions per second; {@code rate} starts cases at a constant rate (open
 * model) and measures latency.
 */
public final class EngineOnly {

    private static final String[] MODELS = {"bpmn/removal-case.bpmn", "dmn/destination-requirements.dmn",
            "forms/legal-review.form", "forms/resolve-notification.form", "forms/supervisor-approval.form"};

    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
    private final AtomicLong notified = new AtomicLong();
    private volatile Semaphore inFlight;

    /**
     * {@code engine-only JDBC_SERVER USER PASSWORD DATABASE MODE SECONDS WARMUP_SECONDS [IN_FLIGHT|RATE]}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: engine-only JDBC_SERVER USER PASSWORD DATABASE saturate|rate SECONDS WARMUP [IN_FLIGHT|RATE]");
            System.exit(2);
        }
        String server = args[0];
        String user = args[1];
        String password = args[2];
        String database = args[3];
        String mode = args[4];
        double seconds = Double.parseDouble(args[5]);
        double warmup = Double.parseDouble(args[6]);
        double parameter = args.length > 7 ? Double.parseDouble(args[7]) : ("saturate".equals(mode) ? 60 : 10);
        System.exit(new EngineOnly().run(server, user, password.equals("-") ? "" : password, database, mode, seconds, warmup, parameter));
    }

    private int run(String server, String user, String password, String database, String mode, double seconds,
                    double warmup, double parameter) throws Exception {
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
             Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(server + database);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(12);
        pool.setAutoCommit(false);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            ProcessEngine engine = engine(dataSource);
            try {
                deploy(engine);
                System.out.println("engine-only: engine up, models deployed; " + mode + " " + parameter
                        + (warmup > 0 ? ", warm-up " + warmup + " s" : "") + ", " + seconds + " s measured");
                ObjectNode result = "saturate".equals(mode)
                        ? saturate(engine, (int) parameter, seconds, warmup)
                        : atRate(engine, parameter, seconds, warmup);
                System.out.println("RESULT " + result);
                return 0;
            } finally {
                engine.close();
                replies.close();
            }
        }
    }

    private InEngineReplies replies;

    /**
     * The workflow's engine settings that decide what the engine writes and how it finds jobs:
     * history FULL, strong UUIDs, schema created or updated, and, as the workflow's
     * {@code DueDateJobAcquisition}, a due date on every job and acquisition by it (with
     * {@link #createDueDateIndex} once the engine is built).
     */
    public static StandaloneProcessEngineConfiguration workflowSettings(DataSource dataSource, String engineName) {
        StandaloneProcessEngineConfiguration config = (StandaloneProcessEngineConfiguration)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
        config.setDataSource(dataSource);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        config.setIdGenerator(new StrongUuidGenerator());
        config.setEnsureJobDueDateNotNull(true);
        config.setJobExecutorAcquireByDueDate(true);
        config.setProcessEngineName(engineName);
        return config;
    }

    /** The index on {@code ACT_RU_JOB.DUEDATE_} that acquisition by due date reads. */
    public static void createDueDateIndex(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists rf_idx_job_duedate on ACT_RU_JOB (DUEDATE_)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the job acquisition index", e);
        }
    }

    private ProcessEngine engine(HikariDataSource dataSource) {
        StandaloneProcessEngineConfiguration config = workflowSettings(dataSource, "engine-only");
        config.setAuthorizationEnabled(true);
        config.setHistoryTimeToLive("P180D");
        DefaultJobExecutor jobs = new DefaultJobExecutor();
        jobs.setCorePoolSize(2);
        jobs.setMaxPoolSize(4);
        jobs.setQueueSize(8);
        jobs.setMaxJobsPerAcquisition(4);
        jobs.setWaitTimeInMillis(1000);
        jobs.setMaxWait(5000);
        jobs.setBackoffTimeInMillis(50);
        jobs.setMaxBackoff(500);
        jobs.setLockTimeInMillis(300_000);
        config.setJobExecutor(jobs);
        config.setJobExecutorActivate(true);
        ProcessEngineConfigurationImpl impl = config;
        // the beans need the runtime service, which exists only once the engine is built: late binding
        Map<Object, Object> beans = new ConcurrentHashMap<>();
        impl.setBeans(beans);
        ProcessEngine engine = config.buildProcessEngine();
        createDueDateIndex(dataSource);
        replies = new InEngineReplies(engine.getRuntimeService(), 2);
        beans.putAll(EngineBeans.of(replies, this::notified));
        return engine;
    }

    private static void deploy(ProcessEngine engine) throws Exception {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("engine-only baseline");
        for (String model : MODELS) {
            InputStream in = EngineOnly.class.getClassLoader().getResourceAsStream("workflow-models/" + model);
            if (in == null) {
                throw new IllegalStateException("workflow-models/" + model + " is not on the class path: "
                        + "the bench build copies it from workflow/src/main/resources");
            }
            deployment.addInputStream(model, in);
        }
        deployment.deploy();
    }

    private void notified(String caseId) {
        Long started = startedAt.get(caseId);
        if (started != null) {
            latencyNanos.put(caseId, System.nanoTime() - started);
        }
        notified.incrementAndGet();
        Semaphore permits = inFlight;
        if (permits != null) {
            permits.release();
        }
    }

    private String start(ProcessEngine engine) {
        String caseId = UUID.randomUUID().toString();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("caseId", caseId);
        variables.put("detaineeId", UUID.randomUUID().toString());
        variables.put("destinationCountry", "IRN");
        startedAt.put(caseId, System.nanoTime());
        engine.getRuntimeService().startProcessInstanceByKey("removal-case", caseId, variables);
        return caseId;
    }

    /** A closed loop: two starter threads keep {@code cases} cases open; completions per second is the engine's ceiling. */
    private ObjectNode saturate(ProcessEngine engine, int cases, double seconds, double warmup) throws Exception {
        inFlight = new Semaphore(cases);
        AtomicLong started = new AtomicLong();
        starting = true;
        Thread[] starters = new Thread[2];
        for (int i = 0; i < starters.length; i++) {
            starters[i] = new Thread(() -> {
                while (starting) {
                    try {
                        if (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        start(engine);
                        started.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        System.err.println("engine-only: start failed: " + e);
                        inFlight.release();
                    }
                }
            }, "engine-only-starter-" + i);
            starters[i].setDaemon(true);
            starters[i].start();
        }
        sleep(warmup);
        long before = notified.get();
        long startedBefore = started.get();
        long t0 = System.nanoTime();
        System.out.println("WINDOW START");
        sleep(seconds);
        long after = notified.get();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.println("WINDOW END");
        long startedInWindow = started.get() - startedBefore;
        starting = false;
        for (Thread t : starters) {
            t.join(5000);
        }
        ObjectNode result = new ObjectMapper().createObjectNode();
        result.put("mode", "saturate");
        result.put("inFlight", cases);
        result.put("seconds", elapsed);
        result.put("notified", after - before);
        result.put("started", startedInWindow);
        result.put("throughput", (after - before) / elapsed);
        double[] latencies = latencyNanos.values().stream().mapToDouble(n -> n / 1e6).toArray();
        percentiles(result, latencies);
        result.put("correlations", replies.correlated());
        result.put("correlationRetries", replies.retried());
        return result;
    }

    private volatile boolean starting;

    /** An open model: cases start at {@code rate} per second whatever happens to them. */
    private ObjectNode atRate(ProcessEngine engine, double rate, double seconds, double warmup) throws Exception {
        java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(4);
        if (warmup > 0) {
            arrive(engine, starters, rate, warmup);
            sleep(3);
        }
        startedAt.clear();
        latencyNanos.clear();
        System.out.println("WINDOW START");
        long t0 = System.nanoTime();
        int count = arrive(engine, starters, rate, seconds);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (latencyNanos.size() < count && System.nanoTime() < deadline) {
            sleep(0.1);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.println("WINDOW END");
        starters.shutdown();
        ObjectNode result = new ObjectMapper().createObjectNode();
        result.put("mode", "rate");
        result.put("rate", rate);
        result.put("seconds", elapsed);
        result.put("started", count);
        result.put("notified", latencyNanos.size());
        double[] latencies = new double[count];
        int i = 0;
        for (String caseId : startedAt.keySet()) {
            Long n = latencyNanos.get(caseId);
            latencies[i++] = n == null ? Double.POSITIVE_INFINITY : n / 1e6;
        }
        percentiles(result, Arrays.copyOf(latencies, i));
        result.put("correlations", replies.correlated());
        result.put("correlationRetries", replies.retried());
        return result;
    }

    private int arrive(ProcessEngine engine, java.util.concurrent.ExecutorService starters, double rate, double seconds) {
        int count = (int) Math.round(rate * seconds);
        long period = Math.round(1e9 / rate);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = t0 + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            starters.execute(() -> start(engine));
        }
        return count;
    }

    private static void percentiles(ObjectNode result, double[] latencies) {
        Arrays.sort(latencies);
        for (double p : List.of(50.0, 95.0, 99.0, 100.0)) {
            String name = p == 100.0 ? "max" : "p" + (int) p;
            if (latencies.length == 0) {
                result.putNull(name);
                continue;
            }
            int rank = (int) Math.ceil(p / 100.0 * latencies.length);
            double v = latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))];
            if (Double.isInfinite(v)) {
                result.put(name, "Infinity");
            } else {
                result.put(name, v);
            }
        }
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }
}
