package org.returnflow.platform.security;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A service refuses a token on the authorisation server's list of revoked tokens, and only that one. */
class RevocationListTest {

    private final AtomicReference<String> served = new AtomicReference<>("{\"revoked\":[]}");
    private final HttpServer authServer = start();
    private final RevocationList list = new RevocationList(
            URI.create("http://127.0.0.1:" + authServer.getAddress().getPort() + "/oauth2/revocations"), Duration.ofHours(1));

    @AfterEach
    void stop() {
        list.destroy();
        authServer.stop(0);
    }

    @Test
    void aRevokedTokenIsRefusedAsAnInvalidTokenAndOthersPass() {
        served.set("{\"asOf\":\"2026-12-03T10:00:00Z\",\"revoked\":[{\"jti\":\"revoked-1\",\"expiresAt\":\"2026-12-03T10:15:00Z\"}]}");

        assertThat(list.validate(token("revoked-1")).hasErrors()).isTrue();
        assertThat(list.validate(token("revoked-1")).getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo("invalid_token"));
        assertThat(list.validate(token("another")).hasErrors()).isFalse();
        assertThat(list.validate(token(null)).hasErrors()).isFalse();
    }

    @Test
    void theLastListStaysInForceWhileTheAuthorisationServerCannotBeReached() {
        served.set("{\"revoked\":[{\"jti\":\"revoked-1\"}]}");
        assertThat(list.validate(token("revoked-1")).hasErrors()).isTrue();

        authServer.stop(0);
        list.refresh();

        assertThat(list.validate(token("revoked-1")).hasErrors()).isTrue();
    }

    @Test
    void aNewRevocationIsTakenAtTheNextRefresh() {
        assertThat(list.validate(token("revoked-2")).hasErrors()).isFalse();

        served.set("{\"revoked\":[{\"jti\":\"revoked-2\"}]}");
        list.refresh();

        assertThat(list.validate(token("revoked-2")).hasErrors()).isTrue();
    }

    @Test
    void theListIsFoundBesideTheJwkSet() {
        SecurityProperties properties = new SecurityProperties();
        properties.setJwkSetUri("http://localhost:9200/oauth2/jwks");
        assertThat(properties.revocations()).hasToString("http://localhost:9200/oauth2/revocations");
        properties.setRevocationsUri("http://auth:9000/elsewhere");
        assertThat(properties.revocations()).hasToString("http://auth:9000/elsewhere");
    }

    private HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/revocations", exchange -> {
                byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Jwt token(String jti) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("detention-agency")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (jti != null) {
            jwt.jti(jti);
        }
        return jwt.build();
    }
}
