package org.returnflow.infra.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real token from the real authorisation server (its jar, run as its own process), sent through
 * the gateway to a stand-in detention service that verifies it as the services do: signature
 * against the server's JWK set, issuer, expiry. The gateway passes the token on and the backend's
 * 401 back. A token its client revokes is refused by the gateway itself within one poll of the
 * server's list of revoked tokens (10 s by default, as configured here), without reaching the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.gateway.rate-limit.limit-for-period=3",
        "returnflow.gateway.rate-limit.refresh-period=60s",
        // the list of revoked tokens is fetched every second here (10 s by default)
        "returnflow.gateway.revocations.poll=1s"
})
class TokenThroughGatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AuthServerProcess AUTH;
    private static final HttpServer BACKEND;
    private static final DefaultJWTProcessor<SecurityContext> VERIFIER = new DefaultJWTProcessor<>();
    private static final AtomicInteger BACKEND_CALLS = new AtomicInteger();

    static {
        try {
            Path workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "auth-server-it");
            AUTH = AuthServerProcess.start(workDir);
            VERIFIER.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.create(new URL(AUTH.issuer() + "/oauth2/jwks")).build()));
            VERIFIER.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(AUTH.issuer()).build(), Set.of("sub", "exp", "scope")));
            BACKEND = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            BACKEND.createContext("/", TokenThroughGatewayIT::detentionService);
            BACKEND.start();
        } catch (Exception e) {
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
        registry.add("returnflow.gateway.tokens.issuer", AUTH::issuer);
        registry.add("returnflow.gateway.tokens.jwk-set-uri", () -> AUTH.issuer() + "/oauth2/jwks");
        registry.add("returnflow.gateway.revocations.uri", () -> AUTH.issuer() + "/oauth2/revocations");
    }

    @AfterAll
    static void stop() {
        BACKEND.stop(0);
        AUTH.close();
    }

    /** A resource server in miniature: 401 problem without a valid token, else 200 naming the caller. */
    private static void detentionService(HttpExchange exchange) throws IOException {
        BACKEND_CALLS.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        int status;
        byte[] body;
        try {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                throw new IllegalArgumentException("no bearer token");
            }
            JWTClaimsSet claims = VERIFIER.process(authorization.substring("Bearer ".length()), null);
            status = 200;
            body = JSON.writeValueAsBytes(Map.of("caller", claims.getSubject(),
                    "scope", claims.getStringListClaim("scope")));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        } catch (Exception e) {
            status = 401;
            body = JSON.writeValueAsBytes(Map.of("type", "https://returnflow.org/problems/unauthenticated",
                    "title", "Unauthorized", "status", 401, "detail", "A valid bearer token is required"));
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aTokenFromTheAuthorisationServerIsAcceptedThroughTheGateway() throws Exception {
        String token = token("detention-agency", "detention-agency-local-secret");

        HttpResponse<String> response = get("/api/detainees", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("caller").asText()).isEqualTo("detention-agency");
        assertThat(body.get("scope")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("detention:read", "detention:write");
    }

    /**
     * The gateway verifies the real server's tokens and counts them against their client: a fresh
     * token for every request (each needs the secret) still spends the one budget of the client.
     */
    @Test
    void freshTokensOfOneClientShareItsRateBudget() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/detainees", "Bearer " + token("removal-operations", "removal-operations-local-secret"))
                    .statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = get("/api/detainees",
                "Bearer " + token("removal-operations", "removal-operations-local-secret"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void withoutATokenTheServicesProblem401PassesThrough() throws Exception {
        HttpResponse<String> response = get("/api/detainees", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        String[] parts = token("partner-monitor", "partner-monitor-local-secret").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8)
                .replace("\"partner-monitor\"", "\"detention-agency\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(UTF_8)) + "." + parts[2];

        assertThat(get("/api/detainees", "Bearer " + forged).statusCode()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenIsRefusedByTheGatewayWithinThirtySecondsAndOnlyItsOwnClientCanRevokeIt() throws Exception {
        // a client no other test of this class calls, so its small rate budget (3 a minute) is its own
        String token = token("consent-officers", "consent-officers-local-secret");
        String other = token("consent-officers", "consent-officers-local-secret");
        assertThat(get("/api/detainees", "Bearer " + token).statusCode()).isEqualTo(200);

        // Another client cannot revoke it: the server refuses, and the token keeps working.
        HttpResponse<String> foreign = revoke("partner-monitor", "partner-monitor-local-secret", token);
        assertThat(foreign.statusCode()).as(foreign.body()).isIn(400, 401);

        // Its own client revokes it: the server answers 200 (RFC 7009) and lists it.
        assertThat(revoke("consent-officers", "consent-officers-local-secret", token).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(AUTH.issuer() + "/oauth2/revocations"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).findValuesAsText("jti")).contains(jti(token));

        // the first look only after a few polls of the list, so that the revoked token spends none of the
        // client's small budget (3 a minute) before the gateway knows it is revoked
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/detainees", "Bearer " + token).statusCode() == 401);
        int callsBefore = BACKEND_CALLS.get();
        HttpResponse<String> refused = get("/api/detainees", "Bearer " + token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("invalid_token"));
        assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("revoked");
        assertThat(JSON.readTree(refused.body()).get("type").asText()).isEqualTo("https://returnflow.org/problems/unauthenticated");
        assertThat(JSON.readTree(refused.body()).has("properties")).as("no empty members").isFalse();
        assertThat(BACKEND_CALLS.get()).as("the revoked token never reaches the service").isEqualTo(callsBefore);

        // Only that token: another token of the same client still works.
        assertThat(get("/api/detainees", "Bearer " + other).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> revoke(String clientId, String secret, String token) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(AUTH.issuer() + "/oauth2/revoke"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&token_type_hint=access_token"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jti(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("jti").asText();
    }

    private String token(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(UTF_8));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(AUTH.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
