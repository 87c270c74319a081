package org.returnflow.testkit.stack;

import org.returnflow.infra.postgres.PostgresServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL and a Kafka broker as processes of their own, for a test that kills them: the local stack's
 * launchers ({@code infra/postgres}'s embedded server with its data in {@code <work>/pg}, and
 * {@code infra/kafka-broker}'s KRaft broker with its data in {@code <work>/kafka}), each on a free port that
 * stays the same across restarts. The test kit's own servers cannot serve such a test: its broker lives
 * inside the test JVM, and its PostgreSQL is not restarted on the same data.
 *
 * <pre>{@code
 * try (ServerProcesses servers = ServerProcesses.start(root, work);
 *      StackProcesses stack = StackProcesses.builder("chaos", root, work, servers.postgres(), servers.kafkaBootstrapServers())
 *              .withMailSink().start()) {
 *     servers.kill(ServerProcesses.POSTGRES);   // the server and every backend, SIGKILL
 *     servers.restart(ServerProcesses.POSTGRES); // same data, same port
 * }
 * }</pre>
 */
public final class ServerProcesses implements AutoCloseable {

    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private record Server(String jar, Map<String, String> env, String readyLine) {
    }

    private final Path root;
    private final Path work;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final int pgPort;
    private final int kafkaPort;
    private PostgresServer postgres;

    private ServerProcesses(Path root, Path work, int pgPort, int kafkaPort, int controllerPort) {
        this.root = root.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        this.pgPort = pgPort;
        this.kafkaPort = kafkaPort;
        servers.put(POSTGRES, new Server("infra/postgres/target/returnflow-postgres-launcher.jar",
                Map.of("RETURNFLOW_PG_PORT", Integer.toString(pgPort), "RETURNFLOW_PG_DATA", this.work.resolve("pg").toString()),
                "PostgreSQL ready"));
        servers.put(KAFKA, new Server("infra/kafka-broker/target/kafka-broker.jar",
                Map.of("KAFKA_PORT", Integer.toString(kafkaPort), "KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort),
                        "KAFKA_DATA_DIR", this.work.resolve("kafka").toString(), "SPRING_PROFILES_ACTIVE", "local"),
                "Returnflow Kafka broker ready"));
    }

    /** Starts both on free ports, data under {@code work}, and waits until each says it is ready. */
    public static ServerProcesses start(Path root, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        ServerProcesses started = new ServerProcesses(root, work, freePort(), freePort(), freePort());
        try {
            started.launch(POSTGRES, false);
            started.launch(KAFKA, false);
            started.postgres = PostgresServer.external("jdbc:postgresql://localhost:" + started.pgPort
                    + "/postgres?user=postgres");
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** The PostgreSQL server, reached over TCP (it survives restarts: it connects anew for every call). */
    public PostgresServer postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** The pids of one server: PostgreSQL's launcher and its postmaster (not a child of the launcher), or the broker. */
    public List<Long> pids(String name) {
        List<Long> pids = new ArrayList<>();
        Process process = processes.get(name);
        if (process != null && process.isAlive()) {
            pids.add(process.pid());
        }
        if (POSTGRES.equals(name)) {
            postmaster().ifPresent(p -> pids.add(p.pid()));
        }
        return pids;
    }

    /** SIGKILLs the server: for PostgreSQL its launcher, the postmaster and every backend at once. */
    public void kill(String name) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        Process process = processes.get(name);
        if (process != null) {
            all.add(process.toHandle());
        }
        if (POSTGRES.equals(name)) {
            postmaster().ifPresent(all::add);
        }
        List<ProcessHandle> tree = new ArrayList<>();
        for (ProcessHandle p : all) {
            tree.addAll(p.descendants().toList());
            tree.add(p);
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("pid " + p.pid() + " of " + name + " did not stop after SIGKILL", e);
            }
        }
    }

    /** Starts a killed server again on the same port and data, and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        Process process = processes.get(name);
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        launch(name, true);
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            String first = Files.readAllLines(work.resolve("pg").resolve("postmaster.pid")).stream().findFirst().orElse("").trim();
            return first.matches("\\d+") ? ProcessHandle.of(Long.parseLong(first)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void launch(String name, boolean again) throws IOException, InterruptedException {
        Server server = servers.get(name);
        Path jar = root.resolve(server.jar());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the infra modules first");
        }
        Path log = work.resolve(name + ".log");
        long offset = again && Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                KAFKA.equals(name) ? "-Xmx512m" : "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(server.env());
        Process process = builder.start();
        processes.put(name, process);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!readSince(log, offset).contains(server.readyLine())) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting (exit " + process.exitValue() + "): "
                        + StackProcesses.tail(log, 40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready after " + START_TIMEOUT.toSeconds() + " s: "
                        + StackProcesses.tail(log, 40));
            }
            Thread.sleep(250);
        }
    }

    private static String readSince(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    }

    /** Stops both gracefully (the broker first), SIGKILL after 30 s. */
    @Override
    public void close() {
        for (String name : List.of(KAFKA, POSTGRES)) {
            Process process = processes.get(name);
            if (process == null || !process.isAlive()) {
                continue;
            }
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
