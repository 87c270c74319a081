package org.returnflow.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swagger UI's Authorize button posts client credentials to the token endpoint from another origin
 * (the gateway's or a service's port). In the {@code local} profile a page on any local port may;
 * nothing else is opened to browsers.
 */
class TokenEndpointCorsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SWAGGER_UI = "http://localhost:8000";

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
    void aLocalPageMayAskForATokenWithBasicCredentials() throws Exception {
        HttpResponse<String> preflight = preflight("/oauth2/token", SWAGGER_UI);

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SWAGGER_UI);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("authorization").contains("content-type"));
    }

    @Test
    void theTokenResponseItselfIsReadableByThatPage() throws Exception {
        String basic = Base64.getEncoder().encodeToString("returnflow-dev:returnflow-dev-local-secret"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", SWAGGER_UI)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SWAGGER_UI);
        assertThat(RunningAuthServer.json(response.body()).get("scope").asText().split(" "))
                .contains("detention:read", "cases:read");
    }

    @Test
    void aPageElsewhereMayNot() throws Exception {
        HttpResponse<String> preflight = preflight("/oauth2/token", "https://elsewhere.example");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void noOtherEndpointIsOpenedToBrowsers() throws Exception {
        for (String path : new String[] {"/oauth2/introspect", "/oauth2/revoke", "/oauth2/jwks"}) {
            HttpResponse<String> preflight = preflight(path, SWAGGER_UI);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
    }

    @Test
    void withoutTheLocalProfileNoOriginIsAllowed() throws Exception {
        try (RunningAuthServer production = RunningAuthServer.start(new String[0], Map.of(
                "returnflow.auth.signing-key.path", keys.resolve("auth/signing-key.pem").toString(),
                "returnflow.auth.clients.detention-agency.secret", "s1",
                "returnflow.auth.clients.detention-la-jena.secret", "s2",
                "returnflow.auth.clients.consent-officers.secret", "s3",
                "returnflow.auth.clients.flight-operations.secret", "s4",
                "returnflow.auth.clients.notification-sender.secret", "s5",
                "returnflow.auth.clients.removal-operations.secret", "s6",
                "returnflow.auth.clients.partner-monitor.secret", "s7"))) {
            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(production.uri("/oauth2/token"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", SWAGGER_UI)
                    .header("Access-Control-Request-Method", "POST")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    private static HttpResponse<String> preflight(String path, String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-requested-with")
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
