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

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Runs a single-node KRaft Kafka broker (broker and controller in one process) for the local stack.
 *
 * <p>Configuration, each with an environment override:
 * <ul>
 *   <li>data directory: first argument, else {@code KAFKA_DATA_DIR}, else {@code .returnflow/kafka};</li>
 *   <li>client port: {@code KAFKA_PORT}, default 9092;</li>
 *   <li>controller port: {@code KAFKA_CONTROLLER_PORT}, default 9093.</li>
 * </ul>
 * On first start the storage is formatted with a fresh cluster id; later starts reuse it, so topics
 * and offsets survive restarts. The broker is ready when its log says {@value #READY_MESSAGE}.
 */
public final class KafkaBrokerLauncher {

    /** The line Kafka logs once the broker accepts clients. */
    public static final String READY_MESSAGE = "Kafka Server started";

    static final int NODE_ID = 1;

    private KafkaBrokerLauncher() {
    }

    public static void main(String[] args) {
        BrokerSettings settings = BrokerSettings.from(args, System.getenv());
        Path propertiesFile = prepare(settings, System.out);
        System.out.printf("Starting Kafka broker on 127.0.0.1:%d (controller %d), data in %s%n",
                settings.port(), settings.controllerPort(), settings.dataDir().toAbsolutePath());
        // Blocks until the broker shuts down; Kafka installs its own shutdown hook for SIGTERM.
        kafka.Kafka.main(new String[] {propertiesFile.toString()});
    }

    /** Writes server.properties and formats the storage if it has never been formatted. */
    static Path prepare(BrokerSettings settings, PrintStream out) {
        try {
            Path logDir = settings.dataDir().resolve("data").toAbsolutePath();
            Files.createDirectories(logDir);
            Path propertiesFile = settings.dataDir().resolve("server.properties").toAbsolutePath();
            writeProperties(serverProperties(settings.port(), settings.controllerPort(), logDir), propertiesFile);
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
