package org.returnflow.infra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with a small limit (3 requests a minute per client) in front of a backend that
 * always answers 200. Each test uses its own clients, so the tests do not spend each other's budget.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.gateway.rate-limit.limit-for-period=3",
        "returnflow.gateway.rate-limit.refresh-period=60s"
})
class RateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpServer BACKEND;

    static {
        try {
            BACKEND = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            BACKEND.createContext("/", exchange -> {
                byte[] reply = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            BACKEND.start();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("returnflow.gateway.services.detention-service.uri",
                () -> "http://127.0.0.1:" + BACKEND.getAddress().getPort());
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.stop(0);
    }

    @Test
    void answers429WithRetryAfterPastTheLimitAndAnotherClientIsNotAffected() throws Exception {
        String agency = "Bearer " + unsignedToken("detention-agency");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/detainees", agency).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = get("/api/detainees/1", agency);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/detainees/1");
        assertThat(problem.get("type").asText()).isEqualTo("https://returnflow.org/problems/too-many-requests");
        assertThat(problem.has("properties")).as("no empty members").isFalse();

        assertThat(get("/api/detainees", "Bearer " + unsignedToken("consent-officers")).statusCode()).isEqualTo(200);
    }

    /** The gateway does not verify tokens, so it must not let a forged subject spend the real client's budget. */
    @Test
    void aForgedTokenNamingAClientDoesNotSpendThatClientsBudget() throws Exception {
        String real = "Bearer " + unsignedToken("flight-operations") + "real-signature";
        for (int i = 0; i < 5; i++) {
            get("/api/detainees", "Bearer " + unsignedToken("flight-operations") + "forged-" + i);
        }

        assertThat(get("/api/detainees", real).statusCode()).isEqualTo(200);
    }

    @Test
    void requestsWithoutATokenAreCountedPerAddressAndHealthIsNeverLimited() throws Exception {
        int limitedAt = -1;
        for (int i = 0; i < 4 && limitedAt < 0; i++) {
            if (get("/api/detainees", null).statusCode() == 429) {
                limitedAt = i;
            }
        }
        assertThat(limitedAt).isEqualTo(3);

        for (int i = 0; i < 5; i++) {
            assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        }
    }

    private static String unsignedToken(String subject) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
