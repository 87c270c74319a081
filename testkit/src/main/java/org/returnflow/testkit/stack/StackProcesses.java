package org.returnflow.testkit.stack;

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
 * The Returnflow applications as they run in production, for a test: the authorisation server, the
 * four services, the workflow and the gateway, each its own JVM started from its built jar, on free
 * ports, against one PostgreSQL server (a database per service and the workflow) and one Kafka
 * broker. Optionally also the local stack's SMTP sink (GreenMail with its REST API, from
 * {@code infra/mail-sink}); otherwise the notification service sends to an SMTP port the test runs.
 * Each log goes to {@code <work>/<name>.log}; a process that stops unexpectedly has its log's tail
 * printed.
 *
 * <p>The jars are read from the checkout ({@code <module>/target/<module>.jar}). A module whose test
 * starts this stack lists the applications' modules as {@code pom}-type test dependencies with every
 * transitive dependency excluded, so the reactor builds them first and nothing lands on its class path
 * (the test kit cannot depend on them: they depend on it).
 *
 * <pre>{@code
 * try (StackProcesses stack = StackProcesses.builder("e2e", root, work, postgres, kafka)
 *         .smtpPort(greenMail.getSmtp().getPort())
 *         .environment(StackProcesses.WORKFLOW, Map.of("RETURNFLOW_WORKFLOW_TIMERS_REPLY_TIMEOUT", "PT2M"))
 *         .start()) {
 *     URI gateway = stack.app(StackProcesses.GATEWAY).url();
 * }
 * }</pre>
 */
public final class StackProcesses implements AutoCloseable {

    /** One started application. */
    public record App(String name, int port, Process process, Path log) {
        /** {@code http://localhost:<port>}. */
        public URI url() {
            return URI.create("http://localhost:" + port);
        }
    }

    public static final String AUTH_SERVER = "auth-server";
    public static final String WORKFLOW = "workflow";
    public static final String GATEWAY = "gateway";
    public static final String MAIL_SINK = "mail-sink";
    /** The four services, in the order they start. */
    public static final List<String> SERVICES = List.of("detention-service", "consent-service", "flight-service",
            "notification-service");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    /** Where an application answers that it is ready. */
    private record Readiness(URI uri, String expected) {
    }

    /** How an application was started, to start it again the same way after a kill. */
    private record Launch(List<String> command, Map<String, String> env, Readiness ready) {
    }

    private final Builder options;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, Readiness> readiness = new LinkedHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private final java.util.Set<String> killed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private URI mailApi;
    private volatile boolean stopping;

    private StackProcesses(Builder options) {
        this.options = options;
    }

    /**
     * What to start.
     *
     * @param name     names this stack's databases ({@code <name>_detention_<run>}, …) and prefixes
     *                 its console lines
     * @param root     the checkout, where the built jars are
     * @param work     where the logs (and the authorisation server's signing key) go
     * @param postgres the server that gets a new database for each service and the workflow
     * @param kafka    the broker's bootstrap servers
     */
    public static Builder builder(String name, Path root, Path work, PostgresServer postgres, String kafka) {
        return new Builder(name, root, work, postgres, kafka);
    }

    /** Options of a stack; {@link #start()} launches it. */
    public static final class Builder {
        private final String name;
        private final Path root;
        private final Path work;
        private final PostgresServer postgres;
        private final String kafka;
        private final Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        private Integer smtpPort;
        private boolean mailSink;

        private Builder(String name, Path root, Path work, PostgresServer postgres, String kafka) {
            if (!name.matches("[a-z][a-z0-9]*")) {
                throw new IllegalArgumentException("a stack name is lower-case letters and digits: " + name);
            }
            this.name = name;
            this.root = root.toAbsolutePath().normalize();
            this.work = work.toAbsolutePath().normalize();
            this.postgres = postgres;
            this.kafka = kafka;
        }

        /** The notification service sends its e-mails to this SMTP port on 127.0.0.1 (a server the test runs). */
        public Builder smtpPort(int port) {
            this.smtpPort = port;
            return this;
        }

        /**
         * Also starts the local stack's SMTP sink (GreenMail standalone from {@code infra/mail-sink},
         * without authentication) on free SMTP and API ports; the notification service sends to it and
         * {@link #mailApi()} reads what it received.
         */
        public Builder withMailSink() {
            this.mailSink = true;
            return this;
        }

        /** Extra environment variables for one application ({@link #WORKFLOW}, a service, …), over the defaults. */
        public Builder environment(String app, Map<String, String> variables) {
            environment.computeIfAbsent(app, a -> new LinkedHashMap<>()).putAll(variables);
            return this;
        }

        /** Starts every application and waits until each reports UP; stops them all if one does not. */
        public StackProcesses start() throws IOException, InterruptedException {
            if (mailSink == (smtpPort != null)) {
                throw new IllegalStateException("the notification service needs exactly one SMTP server: "
                        + "give either smtpPort(…) or withMailSink()");
            }
            Files.createDirectories(work);
            StackProcesses stack = new StackProcesses(this);
            try {
                stack.launchAll();
                stack.awaitReady();
                return stack;
            } catch (IOException | InterruptedException | RuntimeException e) {
                stack.close();
                throw e;
            }
        }
    }

    private void launchAll() throws IOException {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        int smtpPort;
        if (options.mailSink) {
            smtpPort = freePort();
            int apiPort = freePort();
            mailApi = URI.create("http://localhost:" + apiPort);
            launch(MAIL_SINK, smtpPort, Map.of(), List.of("-Xmx96m", "-Dgreenmail.smtp.hostname=127.0.0.1",
                    "-Dgreenmail.smtp.port=" + smtpPort, "-Dgreenmail.api.hostname=127.0.0.1",
                    "-Dgreenmail.api.port=" + apiPort, "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled",
                    "-cp", jar("infra/mail-sink/target/mail-sink.jar"),
                    "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner"),
                    new Readiness(mailApi.resolve("/api/service/readiness"), "running"));
        } else {
            smtpPort = options.smtpPort;
        }

        int authPort = freePort();
        String issuer = "http://localhost:" + authPort;
        Map<String, String> auth = common();
        auth.put("AUTH_SERVER_PORT", Integer.toString(authPort));
        auth.put("RETURNFLOW_ISSUER", issuer);
        auth.put("RETURNFLOW_AUTH_KEY", options.work.resolve("signing-key.pem").toString());
        launchApp(AUTH_SERVER, "infra/auth-server/target/auth-server.jar", authPort, auth, "256m");

        List<String> backends = new ArrayList<>(SERVICES);
        backends.add(WORKFLOW);
        for (String name : backends) {
            int port = freePort();
            String database = options.name + "_" + name.replace("-service", "") + "_" + run;
            options.postgres.createDatabaseIfMissing(database);
            databases.put(name, database);
            Map<String, String> env = common();
            env.put("SPRING_DATASOURCE_URL", options.postgres.jdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", options.postgres.username());
            env.put("SPRING_DATASOURCE_PASSWORD", options.postgres.password());
            env.put("RETURNFLOW_SECURITY_ISSUER", issuer);
            env.put("RETURNFLOW_SECURITY_JWK_SET_URI", issuer + "/oauth2/jwks");
            env.put(portVariable(name), Integer.toString(port));
            if ("notification-service".equals(name)) {
                env.put("SMTP_HOST", "127.0.0.1");
                env.put("SMTP_PORT", Integer.toString(smtpPort));
            }
            launchApp(name, name + "/target/" + name + ".jar", port, env, WORKFLOW.equals(name) ? "512m" : "384m");
        }

        int gatewayPort = freePort();
        Map<String, String> gateway = common();
        gateway.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        gateway.put("RETURNFLOW_SECURITY_ISSUER", issuer);
        gateway.put("RETURNFLOW_SECURITY_JWK_SET_URI", issuer + "/oauth2/jwks");
        gateway.put("AUTH_SERVER_URL", issuer);
        for (String service : SERVICES) {
            gateway.put(service.replace("-service", "").toUpperCase(Locale.ROOT) + "_SERVICE_URL",
                    app(service).url().toString());
        }
        gateway.put("WORKFLOW_URL", app(WORKFLOW).url().toString());
        launchApp(GATEWAY, "infra/gateway/target/gateway.jar", gatewayPort, gateway, "256m");
    }

    private static String portVariable(String name) {
        return WORKFLOW.equals(name) ? "WORKFLOW_PORT" : name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    private Map<String, String> common() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", options.kafka);
        return env;
    }

    private void launchApp(String name, String jarPath, int port, Map<String, String> env, String heap) throws IOException {
        env.putAll(options.environment.getOrDefault(name, Map.of()));
        launch(name, port, env, List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar(jarPath)),
                new Readiness(URI.create("http://localhost:" + port + "/actuator/health"), "\"UP\""));
    }

    private String jar(String path) {
        Path jar = options.root.resolve(path).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the applications first (the module that runs "
                    + "this test lists them as pom-type dependencies, so ./mvnw -B -pl <that module> -am verify does)");
        }
        return jar.toString();
    }

    private void launch(String name, int port, Map<String, String> env, List<String> arguments, Readiness ready)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        launches.put(name, new Launch(List.copyOf(command), Map.copyOf(env), ready));
        readiness.put(name, ready);
        apps.put(name, new App(name, port, start(name, ProcessBuilder.Redirect.to(log(name).toFile())), log(name)));
    }

    private Path log(String name) {
        return options.work.resolve(name + ".log");
    }

    private Process start(String name, ProcessBuilder.Redirect output) throws IOException {
        Launch launch = launches.get(name);
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(options.work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().putAll(launch.env());
        return builder.start();
    }

    /**
     * SIGKILLs one application, as a crash would (no shutdown hook, no graceful stop), and waits until it is
     * gone. It does not count as {@link #died() died}; {@link #restart(String)} starts it again.
     */
    public void kill(String name) throws InterruptedException {
        App app = app(name);
        killed.add(name);
        app.process().destroyForcibly();
        if (!app.process().waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not stop after SIGKILL");
        }
    }

    /**
     * Starts a {@link #kill(String) killed} application again with the same port, environment and database,
     * its output appended to its log, and waits until it reports UP.
     */
    public void restart(String name) throws IOException, InterruptedException {
        App old = app(name);
        if (old.process().isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + old.process().pid() + ")");
        }
        App again = new App(name, old.port(), start(name, ProcessBuilder.Redirect.appendTo(old.log().toFile())), old.log());
        apps.put(name, again);
        killed.remove(name);
        awaitReady(List.of(again));
    }

    private void awaitReady() throws InterruptedException {
        awaitReady(apps.values());
    }

    private void awaitReady(java.util.Collection<App> these) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant started = Instant.now();
        Instant deadline = started.plus(START_TIMEOUT);
        List<App> pending = new ArrayList<>(these);
        while (!pending.isEmpty()) {
            for (App app : List.copyOf(pending)) {
                if (!app.process().isAlive()) {
                    throw new IllegalStateException(app.name() + " stopped while starting (exit " + app.process().exitValue()
                            + "); the end of its log " + app.log() + ":\n" + tail(app.log(), 60));
                }
                if (ready(http, readiness.get(app.name()))) {
                    System.out.printf("%s stack: %s is UP on port %d (%d s)%n", options.name, app.name(), app.port(),
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

    private static boolean ready(HttpClient http, Readiness readiness) throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(readiness.uri())
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains(readiness.expected());
        } catch (IOException notYet) {
            return false;
        }
    }

    /** One application by name: {@link #AUTH_SERVER}, one of {@link #SERVICES}, {@link #WORKFLOW}, {@link #GATEWAY}, {@link #MAIL_SINK}. */
    public App app(String name) {
        App app = apps.get(name);
        if (app == null) {
            throw new IllegalArgumentException("no application " + name + " in this stack; it has " + apps.keySet());
        }
        return app;
    }

    /** Every application, in the order they started. */
    public List<App> apps() {
        return List.copyOf(apps.values());
    }

    /** Each service's and the workflow's database on the PostgreSQL server, by application name. */
    public Map<String, String> databases() {
        return Collections.unmodifiableMap(databases);
    }

    /** The SMTP sink's REST API (GreenMail), when the stack was started {@link Builder#withMailSink() with it}. */
    public URI mailApi() {
        if (mailApi == null) {
            throw new IllegalStateException("this stack was started without the mail sink");
        }
        return mailApi;
    }

    /** Applications that stopped although nobody asked them to. */
    public List<App> died() {
        return apps.values().stream().filter(a -> !a.process().isAlive() && !stopping && !killed.contains(a.name())).toList();
    }

    /** The last lines of every application's log, for a failed test. */
    public String tails(int lines) {
        StringBuilder all = new StringBuilder();
        for (App app : apps.values()) {
            all.append("\n----- ").append(app.name()).append(app.process().isAlive() ? "" : " (stopped)")
                    .append(": the end of ").append(app.log()).append('\n').append(tail(app.log(), lines));
        }
        return all.toString();
    }

    /** The last lines of one log. */
    public static String tail(Path log, int lines) {
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
            System.out.println(options.name + " stack: " + app.name() + " had stopped (exit " + app.process().exitValue()
                    + "); the end of its log:\n" + tail(app.log(), 60));
        }
        stopping = true;
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
