package org.returnflow.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.returnflow.testkit.TestClient;

/** Tokens from the real server, with the {@code local} profile's clients and secrets. */
class ClientCredentialsTokenTest {

    @TempDir
    static Path keys;

    static RunningAuthServer server;

    @BeforeAll
    static void start() {
        server = RunningAuthServer.local(keys.resolve("auth/signing-key.pem"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void issuesASignedJwtWithTheClientsScopesForClientSecretBasic() throws Exception {
        HttpResponse<String> response = server.tokenRequest("detention-agency", "detention-agency-local-secret", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RunningAuthServer.json(response.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("scope").asText().split(" ")).containsExactlyInAnyOrder("detention:read", "detention:write");
        assertThat(body.get("expires_in").asInt()).isBetween(890, 900);

        JWTClaimsSet claims = server.verify(body.get("access_token").asText());
        assertThat(claims.getSubject()).isEqualTo("detention-agency");
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("detention:read", "detention:write");
        assertThat(claims.getClaims()).doesNotContainKeys("facilities", "partner");
    }

    @Test
    void acceptsTheSecretInTheFormToo() throws Exception {
        HttpResponse<String> response = server.post("/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", "flight-operations", "client_secret", "flight-operations-local-secret"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = server.verify(RunningAuthServer.json(response.body()).get("access_token").asText());
        assertThat(claims.getSubject()).isEqualTo("flight-operations");
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("flights:read", "flights:manage");
    }

    @Test
    void grantsOnlyTheScopesAskedFor() throws Exception {
        HttpResponse<String> response = server.tokenRequest("detention-agency", "detention-agency-local-secret",
                Map.of("scope", "detention:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = server.verify(RunningAuthServer.json(response.body()).get("access_token").asText());
        assertThat(claims.getStringListClaim("scope")).containsExactly("detention:read");
    }

    /** A token names the services its granted scopes reach, and no other: each service checks it is named. */
    @Test
    void theAudienceListsTheServicesTheGrantedScopesReach() throws Exception {
        assertThat(server.verify(server.accessToken("detention-agency")).getAudience())
                .containsExactly("detention-service");
        assertThat(server.verify(server.accessToken("notification-sender")).getAudience())
                .containsExactly("notification-service");
        assertThat(server.verify(server.accessToken("partner-monitor")).getAudience()).containsExactly(
                "consent-service", "detention-service", "flight-service", "notification-service", "workflow");
        assertThat(server.verify(server.accessToken("audit-verifier")).getAudience()).containsExactly(
                "consent-service", "detention-service", "flight-service", "notification-service", "workflow");

        HttpResponse<String> narrowed = server.tokenRequest("partner-monitor", "partner-monitor-local-secret",
                Map.of("scope", "cases:read"));
        assertThat(server.verify(RunningAuthServer.json(narrowed.body()).get("access_token").asText()).getAudience())
                .containsExactly("workflow");
    }

    @Test
    void refusesAScopeTheClientDoesNotHave() throws Exception {
        HttpResponse<String> response = server.tokenRequest("partner-monitor", "partner-monitor-local-secret",
                Map.of("scope", "detention:write"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningAuthServer.json(response.body()).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void aWrongSecretGets401() throws Exception {
        HttpResponse<String> response = server.tokenRequest("detention-agency", "guess", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(RunningAuthServer.json(response.body()).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void anUnknownClientGets401() throws Exception {
        assertThat(server.tokenRequest("nobody", "nobody-local-secret", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void aPartnerTokenSaysPartner() throws Exception {
        JWTClaimsSet claims = server.verify(server.accessToken("partner-monitor"));

        assertThat(claims.getBooleanClaim("partner")).isTrue();
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder(
                "detention:read", "consent:read", "flights:read", "notifications:read", "cases:read");
    }

    @Test
    void aFacilityScopedClientsTokenNamesItsFacilities() throws Exception {
        JWTClaimsSet claims = server.verify(server.accessToken("detention-la-jena"));

        assertThat(claims.getSubject()).isEqualTo("detention-la-jena");
        assertThat(claims.getStringListClaim("facilities")).containsExactly("LA-JENA");
        assertThat(claims.getClaims()).doesNotContainKey("partner");
    }

    /** The test kit signs its own tokens for the same clients; both must agree, or service tests prove nothing. */
    @Test
    void issuesTheClientsAndScopesTheTestKitActsAs() throws Exception {
        for (TestClient client : List.of(TestClient.DETENTION_AGENCY, TestClient.CONSENT_OFFICERS,
                TestClient.FLIGHT_OPERATIONS, TestClient.NOTIFICATION_SENDER, TestClient.REMOVAL_OPERATIONS,
                TestClient.PARTNER_MONITOR, TestClient.OPERATORS, TestClient.AUDIT_VERIFIER, TestClient.DEV)) {
            JWTClaimsSet claims = server.verify(server.accessToken(client.id()));
            assertThat(claims.getSubject()).isEqualTo(client.id());
            assertThat(claims.getAudience()).as(client.id()).containsExactlyElementsOf(client.audience());
            assertThat(claims.getStringListClaim("scope")).as(client.id()).containsExactlyInAnyOrderElementsOf(client.scopes());
            assertThat(Boolean.TRUE.equals(claims.getBooleanClaim("partner"))).as(client.id()).isEqualTo(client.partner());
        }
    }

    /** Security headers on every answer; no HSTS in the local profile, which serves plain HTTP. */
    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(
                server.tokenRequest("detention-agency", "detention-agency-local-secret", Map.of()),
                server.tokenRequest("detention-agency", "wrong", Map.of()),
                server.get("/oauth2/jwks"), server.get("/actuator/health"), server.get("/login"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void publishesItsMetadataWithTheConfiguredIssuer() throws Exception {
        HttpResponse<String> response = server.get("/.well-known/oauth-authorization-server");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = RunningAuthServer.json(response.body());
        assertThat(metadata.get("issuer").asText()).isEqualTo(RunningAuthServer.ISSUER);
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(RunningAuthServer.ISSUER + "/oauth2/jwks");
    }

    @Test
    void healthIsOpenAndNothingElseIs() throws Exception {
        HttpResponse<String> health = server.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(RunningAuthServer.json(health.body()).get("status").asText()).isEqualTo("UP");

        assertThat(server.get("/actuator/info").statusCode()).isEqualTo(401);
        assertThat(server.get("/login").statusCode()).isEqualTo(401);
    }
}
