package org.returnflow.infra.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The packaged broker run the way {@code ./returnflow up} runs it: {@code java -jar target/kafka-broker.jar}. */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer log = new StringBuffer();

    private BrokerProcess(Path dataDir, int port, int controllerPort, Map<String, String> env)
            throws IOException, InterruptedException {
        Path jar = Path.of("target", "kafka-broker.jar").toAbsolutePath();
        assertThat(jar).exists();
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), dataDir.toString())
                .redirectErrorStream(true);
        pb.environment().remove("KAFKA_SECURITY");
        pb.environment().put("KAFKA_PORT", String.valueOf(port));
        pb.environment().put("KAFKA_CONTROLLER_PORT", String.valueOf(controllerPort));
        pb.environment().putAll(env);
        process = pb.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                    if (line.contains(KafkaBrokerLauncher.READY_MESSAGE)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "broker-log");
        reader.setDaemon(true);
        reader.start();
        boolean started = ready.await(120, TimeUnit.SECONDS);
        assertThat(started).as("broker ready; log:%n%s", log).isTrue();
    }

    /** Starts the broker and waits until it says it is ready. */
    static BrokerProcess start(Path dataDir, int port, int controllerPort, Map<String, String> env)
            throws IOException, InterruptedException {
        return new BrokerProcess(dataDir, port, controllerPort, env);
    }

    /** What the broker has printed so far. */
    StringBuffer log() {
        return log;
    }

    /** Sends SIGTERM and waits for the broker to stop; true if it did. */
    boolean stop() throws InterruptedException {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!stop()) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
