package org.returnflow.infra.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * Runs a single-node KRaft Kafka broker (broker and controller in one process) for the local stack.
 *
 * <p>Configuration, each with an environment override:
 * <ul>
 *   <li>data directory: first argument, else {@code KAFKA_DATA_DIR}, else {@code .returnflow/kafka};</li>
 *   <li>client port: {@code KAFKA_PORT}, default 9092;</li>
 *   <li>controller port: {@code KAFKA_CONTROLLER_PORT}, default 9093;</li>
 *   <li>security: {@code KAFKA_SECURITY}, {@code plaintext} (default) or {@code sasl}: SASL/SCRAM-SHA-512
 *   with one principal per service, a partner and an operator, and ACLs ({@link BrokerSecurity}).</li>
 * </ul>
 * On first start the storage is formatted with a fresh cluster id; later starts reuse it, so topics
 * and offsets survive restarts. The broker is ready when its output says {@value #READY_MESSAGE}: with
 * SASL, only once the users, ACLs and topics are in place.
 */
public final class KafkaBrokerLauncher {

    /** The line Kafka logs once the broker accepts clients. */
    public static final String READY_MESSAGE = "Returnflow Kafka broker ready";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    static final int NODE_ID = 1;

    private KafkaBrokerLauncher() {
    }

    public static void main(String[] args) {
        BrokerSettings settings;
        BrokerSecurity security;
        try {
            settings = BrokerSettings.from(args, System.getenv());
            security = BrokerSecurity.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Cannot start the Kafka broker: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path propertiesFile = prepare(settings, security, System.out);
        System.out.printf("Starting Kafka broker on 127.0.0.1:%d (controller %d, %s), data in %s%n",
                settings.port(), settings.controllerPort(), security == null ? "no authentication"
                        : "SASL/SCRAM-SHA-512 and ACLs", settings.dataDir().toAbsolutePath());
        Thread readiness = new Thread(() -> announceWhenReady(settings, security), "broker-readiness");
        readiness.setDaemon(true);
        readiness.start();
        // Blocks until the broker shuts down; Kafka installs its own shutdown hook for SIGTERM.
        kafka.Kafka.main(new String[] {propertiesFile.toString()});
    }

    /**
     * Waits until the broker answers, sets up users, ACLs and topics when it is secured, then prints
     * {@value #READY_MESSAGE}. A secured broker that cannot be set up is stopped: it would refuse
     * everyone, or worse.
     */
    private static void announceWhenReady(BrokerSettings settings, BrokerSecurity security) {
        String bootstrap = "127.0.0.1:" + settings.port();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!accepts(settings.port())) {
                // Not listening yet: no client is created, so none logs its failed connections.
                sleep(Duration.ofMillis(250));
                continue;
            }
            try {
                if (security != null) {
                    security.provision(bootstrap, Duration.ofSeconds(15));
                } else {
                    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                        admin.describeCluster().clusterId().get(15, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
                System.out.println(READY_MESSAGE + " on " + bootstrap + (security == null ? ""
                        : " (SASL/SCRAM-SHA-512; principals " + BrokerSecurity.principals() + ")"));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                last = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                sleep(Duration.ofMillis(500));
            }
        }
        System.err.println("The broker did not become ready in " + STARTUP_TIMEOUT + ": " + last);
        if (security != null) {
            Runtime.getRuntime().halt(1);
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes server.properties and formats the storage if it has never been formatted. */
    static Path prepare(BrokerSettings settings, BrokerSecurity security, PrintStream out) {
        try {
            Path logDir = settings.dataDir().resolve("data").toAbsolutePath();
            Files.createDirectories(logDir);
            Path propertiesFile = settings.dataDir().resolve("server.properties").toAbsolutePath();
            Map<String, String> properties = serverProperties(settings.port(), settings.controllerPort(), logDir);
            if (security != null) {
                properties.putAll(security.serverProperties(settings.port(), settings.controllerPort()));
            }
            writeProperties(properties, propertiesFile);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(propertiesFile, out);
            }
            return propertiesFile;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka data directory " + settings.dataDir(), e);
        }
    }

    static Map<String, String> serverProperties(int port, int controllerPort, Path logDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic has a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "3");
        // Apps declare their topics as NewTopic beans; auto-creation is a safety net for tools.
        p.put("auto.create.topics.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        return p;
    }

    private static void writeProperties(Map<String, String> properties, Path file) throws IOException {
        // With SASL it holds the admin's password of this start: readable by its owner alone.
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions keeps its defaults
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Written by KafkaBrokerLauncher at every start; edits are overwritten.\n");
            for (Map.Entry<String, String> e : properties.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    private static void format(Path propertiesFile, PrintStream out) {
        String clusterId = Uuid.randomUuid().toString();
        out.println("Formatting Kafka storage with cluster id " + clusterId);
        int exit = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", propertiesFile.toString(), "--ignore-formatted"}, out);
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format exited with " + exit);
        }
    }

    record BrokerSettings(Path dataDir, int port, int controllerPort) {

        static BrokerSettings from(String[] args, Map<String, String> env) {
            String dir = args.length > 0 ? args[0] : env.getOrDefault("KAFKA_DATA_DIR", ".returnflow/kafka");
            int port = port(env, "KAFKA_PORT", 9092);
            int controllerPort = port(env, "KAFKA_CONTROLLER_PORT", 9093);
            if (port == controllerPort) {
                throw new IllegalArgumentException("KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ, both are " + port);
            }
            return new BrokerSettings(Path.of(dir), port, controllerPort);
        }

        private static int port(Map<String, String> env, String name, int defaultPort) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return defaultPort;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
            }
        }
    }
}
