package org.returnflow.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token endpoint is rate-limited per client id and per address, so secrets cannot be guessed
 * at speed, whether from one address or from many against one client.
 */
class TokenRateLimitTest {

    @TempDir
    Path dir;

    @Test
    void pastEitherBudgetATokenRequestGets429WithRetryAfter() throws Exception {
        try (RunningAuthServer server = RunningAuthServer.start(new String[] {"local"}, Map.of(
                "returnflow.auth.signing-key.path", dir.resolve("key.pem").toString(),
                "returnflow.auth.rate-limit.per-client", "3",
                "returnflow.auth.rate-limit.per-address", "5",
                "returnflow.auth.rate-limit.period", "10m"))) {
            // guessing the detention agency's secret: two wrong guesses and one right answer spend its budget
            assertThat(server.tokenRequest("detention-agency", "guess-1", Map.of()).statusCode()).isEqualTo(401);
            assertThat(server.tokenRequest("detention-agency", "guess-2", Map.of()).statusCode()).isEqualTo(401);
            assertThat(server.tokenRequest("detention-agency", "detention-agency-local-secret", Map.of()).statusCode())
                    .isEqualTo(200);

            HttpResponse<String> limited = server.post("/oauth2/token", Map.of("grant_type", "client_credentials",
                    "client_id", "detention-agency", "client_secret", "guess-3"), null);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(limited.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                    s -> assertThat(Long.parseLong(s)).isBetween(1L, 600L));
            JsonNode problem = RunningAuthServer.json(limited.body());
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(problem.get("instance").asText()).isEqualTo("/oauth2/token");
            // the right secret too, until the window ends: nothing is learnt from the answer
            assertThat(server.tokenRequest("detention-agency", "detention-agency-local-secret", Map.of()).statusCode())
                    .isEqualTo(429);

            // this address has made its five requests, so a sixth is refused whichever client it names
            assertThat(server.tokenRequest("consent-officers", "consent-officers-local-secret", Map.of()).statusCode())
                    .isEqualTo(429);
            // the keys and metadata are never limited
            assertThat(server.get("/oauth2/jwks").statusCode()).isEqualTo(200);
            assertThat(server.get("/.well-known/oauth-authorization-server").statusCode()).isEqualTo(200);
        }
    }
}
