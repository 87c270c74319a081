package org.returnflow.infra.gateway.routing;

import org.returnflow.infra.gateway.config.ProblemTypes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 401 to a request whose bearer token was revoked ({@code POST /oauth2/revoke}), without
 * calling the service. The authorisation server lists the ids ({@code jti}) of the revoked tokens
 * that have not expired at {@code GET /oauth2/revocations}; the gateway fetches it at start and every
 * {@code poll} (10 s), so a revoked token is refused here within about that time.
 *
 * <p>The gateway does not verify tokens (the services do, and they check the same list): it only
 * reads the token's {@code jti}. A forged token that names a revoked id is refused, which costs its
 * sender nothing it had; any other token goes on to the service. When the authorisation server
 * cannot be reached, the last list fetched stays in force.
 */
public final class RevokedTokenFilter extends OncePerRequestFilter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevokedTokenFilter.class);
    /** ProblemDetail's empty {@code properties} stays out of the answer. */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final URI list;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "revoked-tokens");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Set<String> revoked = Set.of();
    private volatile boolean upToDate = true;

    public RevokedTokenFilter(URI list, Duration poll) {
        this.list = list;
        poller.scheduleWithFixedDelay(this::fetch, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String jti = tokenId(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (jti == null || !revoked.contains(jti)) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "The access token was revoked. Get a new one from the authorisation server.");
        problem.setTitle(HttpStatus.UNAUTHORIZED.getReasonPhrase());
        problem.setType(ProblemTypes.of(HttpStatus.UNAUTHORIZED));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"The access token was revoked\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /** Whether the token with this id is known to be revoked. */
    public boolean isRevoked(String jti) {
        return revoked.contains(jti);
    }

    /** The {@code jti} claim of a bearer JWT, read without verifying it; null for anything else. */
    static String tokenId(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode jti = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("jti");
            return jti != null && jti.isTextual() ? jti.asText() : null;
        } catch (IOException | IllegalArgumentException notAJwt) {
            return null;
        }
    }

    private void fetch() {
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IOException("answered " + answer.statusCode());
            }
            Set<String> ids = new HashSet<>();
            JSON.readTree(answer.body()).path("revoked").forEach(entry -> ids.add(entry.path("jti").asText()));
            revoked = Set.copyOf(ids);
            if (!upToDate) {
                log.info("The revoked tokens are up to date again ({})", list);
            }
            upToDate = true;
        } catch (IOException | RuntimeException e) {
            if (upToDate) {
                log.warn("Cannot fetch the revoked tokens from {} ({}); the last list stays in force", list,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            upToDate = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
