package org.returnflow.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /oauth2/revoke} puts a client's own token on the list of revoked tokens that the
 * gateway and the services fetch ({@code GET /oauth2/revocations}, open like the JWK set); the list
 * survives a restart, and nobody can put another client's token on it.
 */
class TokenRevocationTest {

    @TempDir
    Path dir;

    @Test
    void aClientRevokesItsOwnTokenAndTheListKeepsItAcrossARestart() throws Exception {
        String token;
        String kept;
        try (RunningAuthServer server = start()) {
            token = server.accessToken("consent-officers");
            kept = server.accessToken("consent-officers");
            assertThat(revoked(server)).isEmpty();

            HttpResponse<String> revoke = revoke(server, "consent-officers", token);

            assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
            JsonNode list = RunningAuthServer.json(server.get("/oauth2/revocations").body());
            assertThat(list.findValuesAsText("jti")).containsExactly(jti(token));
            assertThat(list.at("/revoked/0/expiresAt").asText()).isNotBlank();
            assertThat(introspect(server, "consent-officers", token).get("active").asBoolean()).isFalse();
            assertThat(introspect(server, "consent-officers", kept).get("active").asBoolean()).isTrue();
        }
        try (RunningAuthServer server = start()) {
            assertThat(revoked(server)).containsExactly(jti(token));
        }
    }

    @Test
    void nobodyRevokesAnotherClientsTokenAndGarbageIsAnsweredWithoutEffect() throws Exception {
        try (RunningAuthServer server = start()) {
            String token = server.accessToken("detention-agency");

            HttpResponse<String> foreign = revoke(server, "partner-monitor", token);
            HttpResponse<String> garbage = revoke(server, "partner-monitor", "not-a-token");
            HttpResponse<String> unauthenticated = server.post("/oauth2/revoke", Map.of("token", token), null);

            assertThat(foreign.statusCode()).as(foreign.body()).isIn(400, 401);
            assertThat(garbage.statusCode()).isEqualTo(200);
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            assertThat(revoked(server)).isEmpty();
            assertThat(introspect(server, "detention-agency", token).get("active").asBoolean()).isTrue();
        }
    }

    private RunningAuthServer start() {
        return RunningAuthServer.start(new String[] {"local"}, Map.of(
                "returnflow.auth.signing-key.path", dir.resolve("signing-key.pem").toString(),
                "returnflow.auth.revocations.file", dir.resolve("revoked-tokens.json").toString()));
    }

    private static HttpResponse<String> revoke(RunningAuthServer server, String clientId, String token) throws Exception {
        return server.post("/oauth2/revoke", Map.of("token", token, "token_type_hint", "access_token"),
                basic(clientId));
    }

    private static JsonNode introspect(RunningAuthServer server, String clientId, String token) throws Exception {
        return RunningAuthServer.json(server.post("/oauth2/introspect", Map.of("token", token),
                basic(clientId)).body());
    }

    private static List<String> revoked(RunningAuthServer server) throws Exception {
        return RunningAuthServer.json(server.get("/oauth2/revocations").body()).findValuesAsText("jti");
    }

    private static String basic(String clientId) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientId + "-local-secret")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String jti(String token) throws Exception {
        return RunningAuthServer.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8)).get("jti").asText();
    }
}
