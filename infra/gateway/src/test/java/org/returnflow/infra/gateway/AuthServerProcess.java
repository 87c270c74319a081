package org.returnflow.infra.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The authorisation server's own jar, run as a separate process with the {@code local} profile, as
 * {@code ./returnflow up} runs it. Failsafe names the jar in {@code returnflow.auth-server.jar}.
 */
final class AuthServerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private AuthServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static AuthServerProcess start(Path workDir) throws IOException, InterruptedException {
        String jarName = System.getProperty("returnflow.auth-server.jar", "../auth-server/target/auth-server.jar");
        Path jar = Path.of(jarName).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build infra/auth-server first "
                    + "(./mvnw -pl infra/auth-server,infra/gateway verify)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = workDir.resolve("auth-server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                "--spring.profiles.active=local",
                "--server.port=" + port,
                "--spring.security.oauth2.authorizationserver.issuer=" + "http://127.0.0.1:" + port,
                "--returnflow.auth.signing-key.path=" + workDir.resolve("signing-key.pem")))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AuthServerProcess server = new AuthServerProcess(process, log, port);
        server.awaitHealthy(Duration.ofSeconds(90));
        return server;
    }

    String issuer() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the authorisation server stopped while starting:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the authorisation server was not healthy after " + timeout + ":\n"
                + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
