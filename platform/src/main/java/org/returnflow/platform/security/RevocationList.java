package org.returnflow.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refuses a token that its client revoked ({@code POST /oauth2/revoke} at the authorisation server)
 * before it expires. The authorisation server publishes the ids ({@code jti}) of the revoked tokens
 * that have not expired at {@code GET /oauth2/revocations}; this list is fetched when the first token
 * is checked and from then on every {@code returnflow.security.revocations-poll} (10 s), so a revoked
 * token is refused within about that time, by every service, also when called directly rather than
 * through the gateway.
 *
 * <p>When the authorisation server cannot be reached, the last list fetched stays in force and the
 * failure is logged once; a token is still verified by its signature and expiry as before.
 */
public final class RevocationList implements OAuth2TokenValidator<Jwt>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RevocationList.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The access token was revoked", null);

    private final URI uri;
    private final Duration poll;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService poller;
    private volatile boolean polling;
    private volatile Set<String> revoked = Set.of();
    private volatile boolean reachable = true;

    public RevocationList(URI uri, Duration poll) {
        this.uri = uri;
        this.poll = poll;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "revocation-list");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (!polling) {
            startPolling();
        }
        return token.getId() != null && revoked.contains(token.getId())
                ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }

    /** The first token checked waits for the first list; from then on it is refreshed in the background. */
    private synchronized void startPolling() {
        if (!polling) {
            refresh();
            poller.scheduleWithFixedDelay(this::refresh, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
            polling = true;
        }
    }

    /** Fetches the list once; public for tests. */
    public void refresh() {
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IOException("answered " + answer.statusCode());
            }
            Set<String> ids = new HashSet<>();
            for (JsonNode entry : JSON.readTree(answer.body()).path("revoked")) {
                ids.add(entry.path("jti").asText());
            }
            revoked = Set.copyOf(ids);
            if (!reachable) {
                log.info("The list of revoked tokens is up to date again ({})", uri);
            }
            reachable = true;
        } catch (IOException | RuntimeException e) {
            if (reachable) {
                log.warn("Cannot fetch the list of revoked tokens from {} ({}); the last list stays in force", uri,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            reachable = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}
