package org.returnflow.infra.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a random port, routing to a small in-test backend. The flight route points at a
 * backend that answers 502 to the first request on each path, so retries show in its hit count; the
 * consent and notification routes point at a port where nothing listens. Tracing is on, as in the
 * running gateway (Spring Boot's tests switch it off unless asked).
 */
@AutoConfigureObservability(metrics = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.gateway.retry.first-backoff=10ms",
        // A breaker that opens after two failures, to see the open state within a test.
        "resilience4j.circuitbreaker.instances.notification-service.minimum-number-of-calls=2",
        "resilience4j.circuitbreaker.instances.notification-service.sliding-window-size=2",
        "resilience4j.circuitbreaker.instances.notification-service.wait-duration-in-open-state=60s",
        "resilience4j.circuitbreaker.instances.notification-service.automatic-transition-from-open-to-half-open-enabled=false"
})
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpServer BACKEND;
    private static final int DOWN_PORT;
    /** Hits per "METHOD path" on the backend. */
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    /** Request bodies per "METHOD path", last one wins. */
    private static final Map<String, String> BODIES = new ConcurrentHashMap<>();

    static {
        try {
            BACKEND = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            BACKEND.createContext("/", GatewayIT::answer);
            BACKEND.start();
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                DOWN_PORT = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String backend = "http://127.0.0.1:" + BACKEND.getAddress().getPort();
        String down = "http://127.0.0.1:" + DOWN_PORT;
        registry.add("returnflow.gateway.services.detention-service.uri", () -> backend);
        registry.add("returnflow.gateway.services.flight-service.uri", () -> backend);
        registry.add("returnflow.gateway.services.consent-service.uri", () -> down);
        registry.add("returnflow.gateway.services.notification-service.uri", () -> down);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.stop(0);
    }

    /** Detention paths answer 200 with what the backend received; flight paths answer 502 the first time. */
    private static void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        int hit = HITS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        BODIES.put(key, body);
        int status = exchange.getRequestURI().getPath().startsWith("/api/flights") && hit == 1 ? 502 : 200;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        byte[] reply = JSON.writeValueAsBytes(Map.of(
                "path", exchange.getRequestURI().toString(),
                "hit", hit,
                "authorization", authorization == null ? "" : authorization,
                "traceparent", traceparent == null ? "" : traceparent,
                "body", body));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Referrer-Policy", "strict-origin"); // a service's own security header
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    @Test
    void proxiesAGetWithStatusBodyAndAuthorizationFromTheService() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/detainees/7f3e?page=0"))
                .header("Authorization", "Bearer abc.def.ghi").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("path").asText()).isEqualTo("/api/detainees/7f3e?page=0");
        assertThat(body.get("authorization").asText()).isEqualTo("Bearer abc.def.ghi");
    }

    /**
     * The gateway takes part in the request's trace: it continues the caller's W3C trace context in a
     * span of its own and hands that on to the service, and starts a trace for a caller without one.
     */
    @Test
    void passesTheTraceOnToTheServiceInASpanOfItsOwn() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        HttpResponse<String> traced = send(HttpRequest.newBuilder(gateway("/api/detainees/trace"))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").GET());
        HttpResponse<String> untraced = send(HttpRequest.newBuilder(gateway("/api/detainees/trace")).GET());

        String[] handedOn = JSON.readTree(traced.body()).get("traceparent").asText().split("-");
        assertThat(handedOn).hasSize(4);
        assertThat(handedOn[1]).as("the caller's trace").isEqualTo(traceId);
        assertThat(handedOn[2]).as("the gateway's own span").matches("[0-9a-f]{16}").isNotEqualTo(callerSpan);
        assertThat(JSON.readTree(untraced.body()).get("traceparent").asText())
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain(traceId);
    }

    /** The gateway's own answers carry the security headers; a relayed one keeps the service's value, once. */
    @Test
    void everyResponseCarriesTheSecurityHeadersOnce() throws Exception {
        HttpResponse<String> relayed = send(HttpRequest.newBuilder(gateway("/api/detainees")).GET());
        HttpResponse<String> own = send(HttpRequest.newBuilder(gateway("/api/nothing-here")).GET());
        HttpResponse<String> down = send(HttpRequest.newBuilder(gateway("/api/consents")).GET());

        assertThat(relayed.headers().allValues("Referrer-Policy")).containsExactly("strict-origin");
        assertThat(own.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        for (HttpResponse<String> response : java.util.List.of(relayed, own, down)) {
            assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly(
                    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            assertThat(response.headers().allValues("Strict-Transport-Security"))
                    .containsExactly("max-age=31536000 ; includeSubDomains");
        }
    }

    @Test
    void routesTheBareCollectionPath() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/detainees")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("path").asText()).isEqualTo("/api/detainees");
    }

    @Test
    void retriesAGetThatGot502AndTheClientSeesTheSecondAnswer() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/flights/get-1")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HITS.get("GET /api/flights/get-1")).hasValue(2);
    }

    @Test
    void retriesAPutWithItsBodyIntact() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/flights/put-1"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"seatCapacity\":120}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HITS.get("PUT /api/flights/put-1")).hasValue(2);
        assertThat(JSON.readTree(response.body()).get("body").asText()).isEqualTo("{\"seatCapacity\":120}");
    }

    @Test
    void neverSendsAPostTwice() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/flights/post-1/lock-manifest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(HITS.get("POST /api/flights/post-1/lock-manifest")).hasValue(1);
    }

    @Test
    void answers503ProblemNamingTheServiceWhenItIsDown() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/consents/42")).GET());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://returnflow.org/problems/service-unavailable");
        assertThat(problem.get("title").asText()).isEqualTo("Service Unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).contains("consent-service");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/consents/42");
    }

    @Test
    void aPostToADownServiceAlsoGets503() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/consents/42/decision"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"GIVEN\"}")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("service").asText()).isEqualTo("consent-service");
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndSaysSo() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> failed = send(HttpRequest.newBuilder(gateway("/api/consulates")).GET());
            assertThat(JSON.readTree(failed.body()).get("reason").asText()).isEqualTo("UNREACHABLE");
        }

        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/notifications/1")).GET());

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("reason").asText()).isEqualTo("CIRCUIT_OPEN");
        assertThat(problem.get("detail").asText()).contains("notification-service");
    }

    @Test
    void answers404ProblemForAPathNoServiceOwns() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/unknown/1")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("instance").asText()).isEqualTo("/api/unknown/1");
    }

    @Test
    void healthIsUpWhateverTheServicesDo() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/actuator/health")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    private URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
