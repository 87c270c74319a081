package org.returnflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Returnflow as its users reach it, over HTTP only.
 * <ul>
 *   <li>Agencies: a client-credentials token from the authorisation server for each client (cached
 *   until shortly before it expires), then the gateway's {@code /api/**}.</li>
 *   <li>Reviewers and supervisors: the workflow's {@code /engine-rest} with HTTP basic as a named
 *   Camunda user, the calls Tasklist makes: tasks of a candidate group, their variables, claim,
 *   complete with form variables.</li>
 * </ul>
 * A call that fails throws {@link ApiException} with the server's problem+json body. A 429 from
 * the gateway's rate limit is waited out (Retry-After) and sent again; so is a 502/503/504 for
 * calls that are safe to repeat.
 */
public final class ReturnflowApi {

    /** The local clients of the authorisation server (infra/README.md). */
    public static final String DETENTION = "detention-agency";
    public static final String CONSENT = "consent-officers";
    public static final String FLIGHTS = "flight-operations";
    public static final String NOTIFICATIONS = "notification-sender";
    public static final String CASES = "removal-operations";
    public static final String PARTNER = "partner-monitor";

    private static final int MAX_ATTEMPTS = 8;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Where the stack answers and the credentials to use.
     *
     * @param clientSecret    client id to its secret
     * @param camundaPassword Camunda user id to its password
     */
    public record Settings(URI gateway, URI authServer, URI workflow, UnaryOperator<String> clientSecret,
                           UnaryOperator<String> camundaPassword) {

        /**
         * The settings of {@code ./returnflow up}: the same port variables and defaults, secrets from
         * {@code RETURNFLOW_CLIENT_<ID>_SECRET} (else the local profile's {@code <id>-local-secret}),
         * Camunda passwords from {@code CAMUNDA_<USER>_PASSWORD} (else the user id; admin: admin).
         */
        public static Settings fromEnvironment(Map<String, String> env) {
            String host = env.getOrDefault("RETURNFLOW_HOST", "localhost");
            return new Settings(
                    URI.create("http://" + host + ":" + env.getOrDefault("GATEWAY_PORT", "8000")),
                    URI.create("http://" + host + ":" + env.getOrDefault("AUTH_SERVER_PORT", "9000")),
                    URI.create("http://" + host + ":" + env.getOrDefault("WORKFLOW_PORT", "8080")),
                    id -> nonBlank(env.get("RETURNFLOW_CLIENT_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET"),
                            id + "-local-secret"),
                    user -> nonBlank(env.get("CAMUNDA_" + user.toUpperCase(Locale.ROOT) + "_PASSWORD"), user));
        }

        private static String nonBlank(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    /** One answer: the status and the JSON body (null when empty or not JSON). */
    public record Response(int status, JsonNode json, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private record Token(String value, Instant renewAfter) {
    }

    private final Settings settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    public ReturnflowApi(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public Settings settings() {
        return settings;
    }

    public ObjectMapper json() {
        return json;
    }

    /** Calls made so far, and how many of them the gateway's rate limit made wait. */
    public long calls() {
        return calls.get();
    }

    public long throttled() {
        return throttled.get();
    }

    // ------------------------------------------------------------------------------------------
    // Agencies, through the gateway

    public JsonNode get(String client, String path) {
        return required("GET", path, call(client, "GET", path, null));
    }

    public JsonNode post(String client, String path, Object body) {
        return required("POST", path, call(client, "POST", path, body));
    }

    public JsonNode put(String client, String path, Object body) {
        return required("PUT", path, call(client, "PUT", path, body));
    }

    /** Every item of a paged list ({@code content}, {@code totalPages}), 100 a page. */
    public List<JsonNode> getAll(String client, String path) {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonNode answer = get(client, path + separator + "size=100&page=" + page);
            answer.path("content").forEach(items::add);
            if (page + 1 >= answer.path("totalPages").asInt(0)) {
                return items;
            }
        }
    }

    /** Any call through the gateway with the client's token; the caller decides what a status means. */
    public Response call(String client, String method, String path, Object body) {
        URI uri = settings.gateway().resolve(path);
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                    .header("Authorization", "Bearer " + token(client))
                    .header("Accept", "application/json, application/problem+json");
            Response response = send(method, uri, request, body);
            if (response.status() == 401 && attempt == 1) {
                tokens.remove(client); // a token of a restarted server with a new key: fetch another
                continue;
            }
            if (retryable(method, response.status()) && attempt < MAX_ATTEMPTS) {
                pause(response, attempt);
                continue;
            }
            return response;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Camunda users, on /engine-rest, as Tasklist calls it

    /** Tasks of the process {@code removal-case} that a candidate group may work, oldest first. */
    public List<JsonNode> tasks(String user, String candidateGroup) {
        List<JsonNode> all = new ArrayList<>();
        for (int first = 0; ; first += 200) {
            JsonNode page = engine(user, "GET", "/engine-rest/task?processDefinitionKey=removal-case&candidateGroup="
                    + encode(candidateGroup) + "&includeAssignedTasks=true&sortBy=created&sortOrder=asc"
                    + "&firstResult=" + first + "&maxResults=200", null);
            page.forEach(all::add);
            if (page.size() < 200) {
                return all;
            }
        }
    }

    /** The task's variables as plain values ({@code GET /task/{id}/variables}). */
    public Map<String, Object> taskVariables(String user, String taskId) {
        JsonNode variables = engine(user, "GET", "/engine-rest/task/" + taskId + "/variables?deserializeValues=false", null);
        Map<String, Object> values = new LinkedHashMap<>();
        variables.properties().forEach(e -> values.put(e.getKey(), json.convertValue(e.getValue().get("value"), Object.class)));
        return values;
    }

    /** Claims the task for the user, as Tasklist's "Claim" does. */
    public void claim(String user, String taskId) {
        engine(user, "POST", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
    }

    /**
     * Completes the task with form variables (strings), as Tasklist submits a form.
     *
     * @throws ApiException with the engine's message when a task listener refuses the decision
     */
    public void complete(String user, String taskId, Map<String, String> formValues) {
        ObjectNode variables = json.createObjectNode();
        formValues.forEach((name, value) -> variables.putObject(name).put("value", value).put("type", "String"));
        ObjectNode body = json.createObjectNode();
        body.set("variables", variables);
        engine(user, "POST", "/engine-rest/task/" + taskId + "/complete", body);
    }

    /** A call to {@code /engine-rest} with HTTP basic as the Camunda user; fails unless 2xx. */
    public JsonNode engine(String user, String method, String path, Object body) {
        URI uri = settings.workflow().resolve(path);
        String basic = Base64.getEncoder().encodeToString((user + ":" + settings.camundaPassword().apply(user))
                .getBytes(StandardCharsets.UTF_8));
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                    .header("Authorization", "Basic " + basic).header("Accept", "application/json");
            Response response = send(method, uri, request, body);
            if (retryable(method, response.status()) && attempt < MAX_ATTEMPTS) {
                pause(response, attempt);
                continue;
            }
            return required(method, path + " (as " + user + ")", response);
        }
    }

    // ------------------------------------------------------------------------------------------

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String token(String client) {
        Token token = tokens.get(client);
        if (token != null && Instant.now().isBefore(token.renewAfter())) {
            return token.value();
        }
        synchronized (this) {
            token = tokens.get(client);
            if (token != null && Instant.now().isBefore(token.renewAfter())) {
                return token.value();
            }
            URI uri = settings.authServer().resolve("/oauth2/token");
            String basic = Base64.getEncoder().encodeToString((client + ":" + settings.clientSecret().apply(client))
                    .getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded");
            Response response = send("POST", uri, request, "grant_type=client_credentials");
            JsonNode answer = required("POST", uri + " (token for " + client + ")", response);
            long lifetime = answer.path("expires_in").asLong(300);
            token = new Token(answer.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(5, lifetime - Math.min(60, lifetime / 5))));
            tokens.put(client, token);
            return token.value();
        }
    }

    private Response send(String method, URI uri, HttpRequest.Builder request, Object body) {
        calls.incrementAndGet();
        try {
            HttpRequest.BodyPublisher publisher;
            if (body == null) {
                publisher = HttpRequest.BodyPublishers.noBody();
            } else if (body instanceof String form) {
                publisher = HttpRequest.BodyPublishers.ofString(form);
            } else {
                request.header("Content-Type", "application/json");
                publisher = HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
            }
            HttpResponse<String> response = http.send(request.method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode parsed = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                try {
                    parsed = json.readTree(text);
                } catch (IOException notJson) {
                    parsed = null;
                }
            }
            return new Response(response.statusCode(), parsed, text);
        } catch (IOException e) {
            throw new ApiException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(method + " " + uri + " was interrupted", e);
        }
    }

    private static JsonNode required(String method, String target, Response response) {
        if (!response.ok()) {
            throw new ApiException(method, target, response.status(), response.body());
        }
        return response.json() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : response.json();
    }

    private static boolean retryable(String method, int status) {
        if (status == 429) {
            return true; // the gateway refused it before any service saw it
        }
        boolean idempotent = !"POST".equals(method);
        return idempotent && (status == 502 || status == 503 || status == 504);
    }

    private void pause(Response response, int attempt) {
        if (response.status() == 429) {
            throttled.incrementAndGet();
        }
        long millis = Math.min(4000, 250L << Math.min(attempt, 4));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting to retry", e);
        }
    }
}
