package org.returnflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The agencies' side of the benchmark, over HTTP: a client-credentials token per client (fetched
 * ahead, so that no measured call waits for one) and calls that either wait for their answer
 * (seeding, checks) or return at once (the measured arrivals and the officer's decisions).
 */
public final class AgencyClient implements AutoCloseable {

    public static final String DETENTION = "detention-agency";
    public static final String CONSENT = "consent-officers";
    public static final String FLIGHTS = "flight-operations";
    public static final String NOTIFICATIONS = "notification-sender";
    public static final String CASES = "removal-operations";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** One answer: the status and the body, parsed when it is JSON. */
    public record Response(int status, JsonNode json, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private record Token(String value, Instant renewAfter) {
    }

    private final Target target;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public AgencyClient(Target target) {
        this.target = target;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public ObjectMapper json() {
        return json;
    }

    public Target target() {
        return target;
    }

    /** Fetches (or renews) the tokens of these clients now, so that no later call waits for one. */
    public void prepareTokens(String... clients) {
        for (String client : clients) {
            Token token = tokens.get(client);
            if (token == null || Instant.now().plusSeconds(300).isAfter(token.renewAfter())) {
                tokens.put(client, fetchToken(client));
            }
        }
    }

    /** Sends and returns at once; the future completes with the answer, or exceptionally on an I/O error. */
    public CompletableFuture<Response> sendAsync(String client, String method, URI uri, Object body) {
        HttpRequest request = request(client, method, uri, body);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(this::response);
    }

    /**
     * Sends and waits. A 429 from the gateway's rate limit and a 502/503/504 of a call that is safe
     * to repeat are retried after a pause.
     */
    public Response send(String client, String method, URI uri, Object body) {
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = response(http.send(request(client, method, uri, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (attempt < 5) {
                    pause(attempt);
                    continue;
                }
                throw new IllegalStateException(method + " " + uri + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(method + " " + uri + " was interrupted", e);
            }
            if (response.status() == 401 && attempt == 1) {
                tokens.remove(client);
                continue;
            }
            boolean repeatable = response.status() == 429
                    || (!"POST".equals(method) && response.status() >= 502 && response.status() <= 504);
            if (repeatable && attempt < 10) {
                pause(attempt);
                continue;
            }
            return response;
        }
    }

    /** Sends, waits, and fails unless the answer is 2xx. */
    public JsonNode call(String client, String method, URI uri, Object body) {
        Response response = send(client, method, uri, body);
        if (!response.ok()) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    private HttpRequest request(String client, String method, URI uri, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + token(client))
                .header("Accept", "application/json, application/problem+json");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + body, e);
        }
    }

    private Response response(HttpResponse<String> answer) {
        String text = answer.body();
        JsonNode parsed = null;
        if (text != null && (text.startsWith("{") || text.startsWith("["))) {
            try {
                parsed = json.readTree(text);
            } catch (IOException notJson) {
                parsed = null;
            }
        }
        return new Response(answer.statusCode(), parsed, text);
    }

    private String token(String client) {
        Token token = tokens.get(client);
        if (token == null || Instant.now().isAfter(token.renewAfter())) {
            token = fetchToken(client);
            tokens.put(client, token);
        }
        return token.value();
    }

    private Token fetchToken(String client) {
        String basic = Base64.getEncoder().encodeToString((client + ":" + target.clientSecret().apply(client))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(target.authServer().resolve("/oauth2/token")).timeout(CALL_TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            Response answer = response(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            if (!answer.ok() || answer.json() == null) {
                throw new IllegalStateException("no token for " + client + ": " + answer.status() + " " + answer.body());
            }
            long lifetime = answer.json().path("expires_in").asLong(300);
            return new Token(answer.json().path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(5, lifetime - Math.min(120, lifetime / 4))));
        } catch (IOException e) {
            throw new IllegalStateException("the authorisation server does not answer at " + target.authServer() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token", e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 100L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
