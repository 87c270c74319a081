package org.returnflow.e2e;

import org.returnflow.infra.postgres.PostgresServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Returnflow applications as they run in production: the authorisation server, the four
 * services, the workflow and the gateway, each its own JVM started from its built jar, on free
 * ports, against one PostgreSQL server (a database per service) and one Kafka broker. Each log
 * goes to {@code <work>/<name>.log}; a process that stops unexpectedly has its log's tail printed.
 */
final class StackProcesses implements AutoCloseable {

    /** One started application. */
    record App(String name, int port, Process process, Path log) {
        URI url() {
            return URI.create("http://localhost:" + port);
        }
    }

    private static final List<String> SERVICES = List.of("detention-service", "consent-service", "flight-service",
            "notification-service");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Path root;
    private final Path work;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, String> extraEnvironment;
    private volatile boolean stopping;

    private StackProcesses(Path root, Path work, Map<String, String> extraEnvironment) {
        this.root = root;
        this.work = work;
        this.extraEnvironment = extraEnvironment;
    }

    /**
     * Starts every application and waits until each reports UP.
     *
     * @param workflowEnvironment extra variables for the workflow (its timers)
     */
    static StackProcesses start(Path root, Path work, PostgresServer postgres, String kafka, int smtpPort,
                                Map<String, String> workflowEnvironment) throws IOException, InterruptedException {
        Files.createDirectories(work);
        StackProcesses stack = new StackProcesses(root, work, workflowEnvironment);
        try {
            stack.launchAll(postgres, kafka, smtpPort);
            stack.awaitHealthy();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void launchAll(PostgresServer postgres, String kafka, int smtpPort) throws IOException {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        int authPort = freePort();
        String issuer = "http://localhost:" + authPort;

        Map<String, String> auth = common(kafka);
        auth.put("AUTH_SERVER_PORT", Integer.toString(authPort));
        auth.put("RETURNFLOW_ISSUER", issuer);
        auth.put("RETURNFLOW_AUTH_KEY", work.resolve("signing-key.pem").toString());
        launch("auth-server", "infra/auth-server/target/auth-server.jar", authPort, auth, "256m");

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("detention-service", "consent-service", "flight-service", "notification-service", "workflow")) {
            int port = freePort();
            ports.put(name, port);
            String database = "e2e_" + name.replace("-service", "") + "_" + run;
            postgres.createDatabaseIfMissing(database);
            Map<String, String> env = common(kafka);
            env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", postgres.username());
            env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
            env.put("RETURNFLOW_SECURITY_ISSUER", issuer);
            env.put("RETURNFLOW_SECURITY_JWK_SET_URI", issuer + "/oauth2/jwks");
            env.put(portVariable(name), Integer.toString(port));
            if ("notification-service".equals(name)) {
                env.put("SMTP_HOST", "127.0.0.1");
                env.put("SMTP_PORT", Integer.toString(smtpPort));
            }
            if ("workflow".equals(name)) {
                env.putAll(extraEnvironment);
            }
            launch(name, name + "/target/" + name + ".jar", port, env, "workflow".equals(name) ? "512m" : "384m");
        }

        int gatewayPort = freePort();
        Map<String, String> gateway = common(kafka);
        gateway.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        for (String service : SERVICES) {
            gateway.put(service.replace("-service", "").toUpperCase(Locale.ROOT) + "_SERVICE_URL",
                    "http://localhost:" + ports.get(service));
        }
        gateway.put("WORKFLOW_URL", "http://localhost:" + ports.get("workflow"));
        launch("gateway", "infra/gateway/target/gateway.jar", gatewayPort, gateway, "256m");
    }

    private static String portVariable(String name) {
        return "workflow".equals(name) ? "WORKFLOW_PORT" : name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    private Map<String, String> common(String kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        return env;
    }

    private void launch(String name, String jarPath, int port, Map<String, String> env, String heap) throws IOException {
        Path jar = root.resolve(jarPath).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the modules before e2e in the reactor build it "
                    + "(./mvnw -B -pl e2e -am verify)");
        }
        Path log = work.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        apps.put(name, new App(name, port, builder.start(), log));
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant started = Instant.now();
        Instant deadline = started.plus(START_TIMEOUT);
        List<App> pending = new ArrayList<>(apps.values());
        while (!pending.isEmpty()) {
            for (App app : List.copyOf(pending)) {
                if (!app.process().isAlive()) {
                    throw new IllegalStateException(app.name() + " stopped while starting (exit " + app.process().exitValue()
                            + "); the end of its log " + app.log() + ":\n" + tail(app.log(), 60));
                }
                if (healthy(http, app)) {
                    System.out.printf("e2e stack: %s is UP on port %d (%d s)%n", app.name(), app.port(),
                            Duration.between(started, Instant.now()).toSeconds());
                    pending.remove(app);
                }
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                StringBuilder message = new StringBuilder("Not UP after " + START_TIMEOUT.toSeconds() + " s:");
                for (App app : pending) {
                    message.append("\n").append(app.name()).append(", the end of ").append(app.log()).append(":\n")
                            .append(tail(app.log(), 40));
                }
                throw new IllegalStateException(message.toString());
            }
            Thread.sleep(1000);
        }
    }

    private static boolean healthy(HttpClient http, App app) throws InterruptedException {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(app.url().resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        }
    }

    App app(String name) {
        return apps.get(name);
    }

    /** The settings a {@link ReturnflowApi} needs to reach this stack. */
    ReturnflowApi.Settings apiSettings() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_PORT", Integer.toString(app("gateway").port()));
        env.put("AUTH_SERVER_PORT", Integer.toString(app("auth-server").port()));
        env.put("WORKFLOW_PORT", Integer.toString(app("workflow").port()));
        return ReturnflowApi.Settings.fromEnvironment(env);
    }

    /** Applications that stopped although nobody asked them to. */
    List<App> died() {
        return apps.values().stream().filter(a -> !a.process().isAlive() && !stopping).toList();
    }

    /** The last lines of every application's log, for a failed test. */
    String tails(int lines) {
        StringBuilder all = new StringBuilder();
        for (App app : apps.values()) {
            all.append("\n----- ").append(app.name()).append(app.process().isAlive() ? "" : " (stopped)")
                    .append(": the end of ").append(app.log()).append('\n').append(tail(app.log(), lines));
        }
        return all.toString();
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops every application, the gateway first, and prints the log tail of any that had died. */
    @Override
    public void close() {
        for (App app : died()) {
            System.out.println("e2e stack: " + app.name() + " had stopped (exit " + app.process().exitValue()
                    + "); the end of its log:\n" + tail(app.log(), 60));
        }
        stopping = true;
        List<App> reverse = new ArrayList<>(apps.values());
        java.util.Collections.reverse(reverse);
        reverse.forEach(app -> app.process().destroy());
        for (App app : reverse) {
            try {
                if (!app.process().waitFor(30, TimeUnit.SECONDS)) {
                    app.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                app.process().destroyForcibly();
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
