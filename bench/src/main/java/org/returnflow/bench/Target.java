package org.returnflow.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where a running stack answers, and what the benchmark may look at to measure it.
 *
 * @param gateway      agencies' entry ({@code /api/**}): the measured calls go through it
 * @param services     each service's own port (seeding goes there, around the gateway's rate limit)
 * @param jdbcServer   {@code jdbc:postgresql://host:port/} of the stack's PostgreSQL server
 * @param databases    service name to its database name
 * @param mailApi      the SMTP sink's REST API (GreenMail)
 * @param processes    the stack's processes by name, as pids (for CPU from /proc); each is counted
 *                     with all its descendants
 * @param clientSecret client id to its secret
 */
public record Target(URI gateway, URI authServer, Map<String, URI> services, String kafkaBootstrap,
                     String jdbcServer, String dbUser, String dbPassword, Map<String, String> databases,
                     URI mailApi, Supplier<Map<String, List<Long>>> processes,
                     UnaryOperator<String> clientSecret) {

    public static final List<String> SERVICES = List.of("detention-service", "consent-service", "flight-service",
            "notification-service", "workflow");

    public URI service(String name) {
        URI uri = services.get(name);
        if (uri == null) {
            throw new IllegalArgumentException("no service called " + name);
        }
        return uri;
    }

    public String jdbcUrl(String database) {
        return jdbcServer + database;
    }

    /**
     * The stack of {@code ./returnflow up} in the checkout {@code root}: the same port variables and
     * defaults as the script, the databases of the embedded server (or of {@code RETURNFLOW_DB_URL}),
     * and the pids in {@code .returnflow/run} (PostgreSQL's postmaster from its own pid file, since it
     * is not a child of its launcher).
     */
    public static Target ofLocalStack(Path root, Map<String, String> env) {
        String host = env.getOrDefault("RETURNFLOW_HOST", "localhost");
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("detention-service", port(host, env, "DETENTION_SERVICE_PORT", 8081));
        services.put("consent-service", port(host, env, "CONSENT_SERVICE_PORT", 8082));
        services.put("flight-service", port(host, env, "FLIGHT_SERVICE_PORT", 8083));
        services.put("notification-service", port(host, env, "NOTIFICATION_SERVICE_PORT", 8084));
        services.put("workflow", port(host, env, "WORKFLOW_PORT", 8080));
        Map<String, String> databases = new LinkedHashMap<>();
        databases.put("detention-service", "detention");
        databases.put("consent-service", "consent");
        databases.put("flight-service", "flight");
        databases.put("notification-service", "notification");
        databases.put("workflow", "workflow");

        String jdbcServer = "jdbc:postgresql://" + host + ":" + env.getOrDefault("RETURNFLOW_PG_PORT", "15432") + "/";
        String user = "postgres";
        String password = "";
        String external = env.get("RETURNFLOW_DB_URL");
        if (external != null && !external.isBlank()) {
            String base = external.contains("?") ? external.substring(0, external.indexOf('?')) : external;
            String rest = base.substring("jdbc:postgresql://".length());
            jdbcServer = "jdbc:postgresql://" + (rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest) + "/";
            user = queryParameter(external, "user", user);
            password = queryParameter(external, "password", password);
        }
        Path state = root.resolve(".returnflow");
        Supplier<Map<String, List<Long>>> pids = () -> localPids(state);
        return new Target(port(host, env, "GATEWAY_PORT", 8000), port(host, env, "AUTH_SERVER_PORT", 9000), services,
                host + ":" + env.getOrDefault("KAFKA_PORT", "9092"), jdbcServer, user, password, databases,
                port(host, env, "MAIL_API_PORT", 8025), pids,
                id -> {
                    String value = env.get("RETURNFLOW_CLIENT_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET");
                    return value == null || value.isBlank() ? id + "-local-secret" : value;
                });
    }

    private static Map<String, List<Long>> localPids(Path state) {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        Path run = state.resolve("run");
        try (var files = Files.list(run)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().forEach(f -> {
                String name = f.getFileName().toString().replace(".pid", "");
                Long pid = firstNumber(f);
                if (pid != null) {
                    pids.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(pid);
                }
            });
        } catch (java.io.IOException e) {
            return pids;
        }
        Long postmaster = firstNumber(state.resolve("pg").resolve("postmaster.pid"));
        if (postmaster != null) {
            pids.computeIfAbsent("postgres", n -> new java.util.ArrayList<>()).add(postmaster);
        }
        return pids;
    }

    private static Long firstNumber(Path file) {
        try {
            String line = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return line.matches("\\d+") ? Long.parseLong(line) : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static URI port(String host, Map<String, String> env, String variable, int otherwise) {
        return URI.create("http://" + host + ":" + env.getOrDefault(variable, Integer.toString(otherwise)));
    }

    private static String queryParameter(String url, String name, String otherwise) {
        if (!url.contains("?")) {
            return otherwise;
        }
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return otherwise;
    }
}
