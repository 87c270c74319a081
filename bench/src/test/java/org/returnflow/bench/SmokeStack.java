package org.returnflow.bench;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stack as {@code ./returnflow up} runs it, for a test: the SMTP sink (GreenMail with its API),
 * the authorisation server, the four services, the workflow and the gateway, each its own JVM from
 * its built jar on free ports, against the test kit's PostgreSQL (a database per service) and Kafka.
 * Logs go to {@code <work>/<name>.log}.
 *
 * <p>The e2e module has a launcher of the same kind ({@code StackProcesses}), package-private in its
 * test sources and without a test jar, so this module cannot depend on it; the two should become one
 * (in testkit) — this one also starts the mail sink, whose API the duplicate check reads.
 */
public final class SmokeStack implements AutoCloseable {

    /** One started process. */
    public record App(String name, int port, Process process, Path log) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Path root;
    private final Path work;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final PostgresServer postgres;
    private final String kafka;
    private int mailApiPort;

    private SmokeStack(Path root, Path work, PostgresServer postgres, String kafka) {
        this.root = root;
        this.work = work;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static SmokeStack start(Path root, Path work, PostgresServer postgres, String kafka)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        SmokeStack stack = new SmokeStack(root, work, postgres, kafka);
        try {
            stack.launchAll();
            stack.awaitHealthy();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void launchAll() throws IOException {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        int smtpPort = freePort();
        mailApiPort = freePort();
        launch("mail", smtpPort, Map.of(), List.of("-Xmx96m", "-Dgreenmail.smtp.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + smtpPort, "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + mailApiPort, "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled",
                "-cp", jar("infra/mail-sink/target/mail-sink.jar"), "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner"));

        int authPort = freePort();
        String issuer = "http://localhost:" + authPort;
        Map<String, String> auth = common();
        auth.put("AUTH_SERVER_PORT", Integer.toString(authPort));
        auth.put("RETURNFLOW_ISSUER", issuer);
        auth.put("RETURNFLOW_AUTH_KEY", work.resolve("signing-key.pem").toString());
        launch("auth-server", authPort, auth, app("infra/auth-server/target/auth-server.jar", "256m"));

        for (String name : Target.SERVICES) {
            int port = freePort();
            String database = "smoke_" + name.replace("-service", "") + "_" + run;
            postgres.createDatabaseIfMissing(database);
            databases.put(name, database);
            Map<String, String> env = common();
            env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", postgres.username());
            env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
            env.put("RETURNFLOW_SECURITY_ISSUER", issuer);
            env.put("RETURNFLOW_SECURITY_JWK_SET_URI", issuer + "/oauth2/jwks");
            env.put("workflow".equals(name) ? "WORKFLOW_PORT" : name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT",
                    Integer.toString(port));
            if ("notification-service".equals(name)) {
                env.put("SMTP_HOST", "127.0.0.1");
                env.put("SMTP_PORT", Integer.toString(smtpPort));
            }
            launch(name, port, env, app(name + "/target/" + name + ".jar", "384m"));
        }

        int gatewayPort = freePort();
        Map<String, String> gateway = common();
        gateway.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        for (String service : Target.SERVICES) {
            String variable = "workflow".equals(service) ? "WORKFLOW_URL"
                    : service.replace("-service", "").toUpperCase(Locale.ROOT) + "_SERVICE_URL";
            gateway.put(variable, "http://localhost:" + apps.get(service).port());
        }
        launch("gateway", gatewayPort, gateway, app("infra/gateway/target/gateway.jar", "256m"));
    }

    private List<String> app(String jarPath, String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar(jarPath));
    }

    private String jar(String path) {
        Path jar = root.resolve(path).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the modules before bench in the reactor build it "
                    + "(./mvnw -B -Pbench -pl bench -am verify)");
        }
        return jar.toString();
    }

    private Map<String, String> common() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        return env;
    }

    private void launch(String name, int port, Map<String, String> env, List<String> arguments) throws IOException {
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        apps.put(name, new App(name, port, builder.start(), log));
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        List<App> pending = new ArrayList<>(apps.values());
        while (!pending.isEmpty()) {
            for (App app : List.copyOf(pending)) {
                if (!app.process().isAlive()) {
                    throw new IllegalStateException(app.name() + " stopped while starting; the end of " + app.log()
                            + ":\n" + tail(app.log(), 60));
                }
                boolean mail = "mail".equals(app.name());
                if (healthy(http, mail ? mailApiPort : app.port(), mail ? "/api/service/readiness" : "/actuator/health",
                        mail ? "running" : "\"UP\"")) {
                    pending.remove(app);
                }
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not UP after " + START_TIMEOUT.toSeconds() + " s: "
                        + pending.stream().map(App::name).toList() + tails(40));
            }
            Thread.sleep(1000);
        }
    }

    private static boolean healthy(HttpClient http, int port, String path, String expected) throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains(expected);
        } catch (IOException notYet) {
            return false;
        }
    }

    /** What the benchmark needs to reach and measure this stack. */
    public Target target() {
        Map<String, URI> services = new LinkedHashMap<>();
        for (String service : Target.SERVICES) {
            services.put(service, URI.create("http://localhost:" + apps.get(service).port()));
        }
        String url = postgres.jdbcUrl("postgres");
        String server = url.substring(0, url.indexOf("/postgres") + 1);
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        apps.forEach((name, app) -> pids.put(name, List.of(app.process().pid())));
        return new Target(URI.create("http://localhost:" + apps.get("gateway").port()),
                URI.create("http://localhost:" + apps.get("auth-server").port()), services, kafka, server,
                postgres.username(), postgres.password() == null ? "" : postgres.password(), Map.copyOf(databases),
                URI.create("http://localhost:" + mailApiPort), () -> pids, id -> id + "-local-secret");
    }

    /** Processes that stopped although nobody asked them to. */
    public List<App> died() {
        return apps.values().stream().filter(a -> !a.process().isAlive()).toList();
    }

    public String tails(int lines) {
        StringBuilder all = new StringBuilder();
        for (App app : apps.values()) {
            all.append("\n----- ").append(app.name()).append(": the end of ").append(app.log()).append('\n')
                    .append(tail(app.log(), lines));
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

    @Override
    public void close() {
        List<App> reverse = new ArrayList<>(apps.values());
        Collections.reverse(reverse);
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
