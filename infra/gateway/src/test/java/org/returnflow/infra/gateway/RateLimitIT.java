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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with a small limit (3 requests a minute per client) in front of a backend that
 * always answers 200, verifying tokens against a JWK set served here. Each test uses its own
 * clients; the tests that count per address are one test, since every request here comes from
 * 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.gateway.rate-limit.limit-for-period=3",
        "returnflow.gateway.rate-limit.refresh-period=60s",
        "returnflow.gateway.tokens.issuer=" + RateLimitIT.ISSUER
})
class RateLimitIT {

    static final String ISSUER = "https://auth.returnflow.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpServer BACKEND;
    private static final KeyPair KEY;
    private static final KeyPair OTHER_KEY;

    static {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KEY = rsa.generateKeyPair();
            OTHER_KEY = rsa.generateKeyPair();
            byte[] jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) KEY.getPublic()).keyID("k1").build())
                    .toString().getBytes(StandardCharsets.UTF_8);
            BACKEND = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            BACKEND.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            BACKEND.createContext("/", exchange -> {
                byte[] reply = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
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
        String backend = "http://127.0.0.1:" + BACKEND.getAddress().getPort();
        registry.add("returnflow.gateway.services.detention-service.uri", () -> backend);
        registry.add("returnflow.gateway.tokens.jwk-set-uri", () -> backend + "/oauth2/jwks");
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.stop(0);
    }

    @Test
    void answers429WithRetryAfterPastTheLimitAndAnotherClientIsNotAffected() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/detainees", "Bearer " + token("detention-agency", KEY)).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = get("/api/detainees/1", "Bearer " + token("detention-agency", KEY));

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

        assertThat(get("/api/detainees", "Bearer " + token("consent-officers", KEY)).statusCode()).isEqualTo(200);
    }

    /** The key is the verified client id: neither new tokens nor another spelling of the header buy a fresh budget. */
    @Test
    void everyTokenOfAClientAndEverySpellingOfItsHeaderSpendsOneBudget() throws Exception {
        String token = token("flight-operations", KEY);
        assertThat(get("/api/detainees", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(get("/api/detainees", "bearer " + token).statusCode()).isEqualTo(200);
        assertThat(get("/api/detainees", "BEARER   " + token("flight-operations", KEY)).statusCode()).isEqualTo(200);

        assertThat(get("/api/detainees", "Bearer " + token("flight-operations", KEY)).statusCode()).isEqualTo(429);
        assertThat(get("/api/detainees", "bEaReR " + token).statusCode()).isEqualTo(429);
    }

    /**
     * Tokens that do not verify are counted against the sender's address, so forging one that names a
     * client neither spends that client's budget nor buys the forger a fresh one; no token at all is
     * counted the same way. Health is never limited.
     */
    @Test
    void forgedTokensAndRequestsWithoutOneAreCountedPerAddressAndHealthIsNeverLimited() throws Exception {
        int forgedLimitedAt = -1;
        for (int i = 0; i < 4 && forgedLimitedAt < 0; i++) {
            String forged = i % 2 == 0 ? token("removal-operations", OTHER_KEY) : unsignedToken("removal-operations");
            if (get("/api/detainees", "Bearer " + forged).statusCode() == 429) {
                forgedLimitedAt = i;
            }
        }
        assertThat(forgedLimitedAt).isEqualTo(3);
        assertThat(get("/api/detainees", null).statusCode()).isEqualTo(429);

        assertThat(get("/api/detainees", "Bearer " + token("removal-operations", KEY)).statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        }
    }

    private static String token(String client, KeyPair key) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject(client).jwtID(java.util.UUID.randomUUID().toString())
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    private static String unsignedToken(String subject) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"" + subject + "\",\"iss\":\"" + ISSUER + "\"}")
                        .getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
