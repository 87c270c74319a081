package org.returnflow.infra.auth.limits;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits how often secrets can be tried (OWASP API2/API4): every request to an endpoint where a
 * client authenticates counts once against the client id it names and once against its remote
 * address, in fixed windows of {@code period}. When either budget is spent the request is answered
 * 429, an RFC 9457 problem with {@code Retry-After} (seconds to the end of the window), before the
 * secret is even hashed.
 *
 * <p>The client id is the one the request claims (its Basic header or {@code client_id}), not yet
 * verified: that is the point, since guessing one client's secret from many addresses is what the
 * per-client budget stops. The price is that anyone can spend a client's budget and hold back its
 * token requests for up to one window; a client holds its token for 15 minutes, so one refused
 * fetch costs it little. The counters are per server instance.
 */
public final class TokenRequestLimit extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> LIMITED_PATHS = java.util.Set.of("/oauth2/token", "/oauth2/introspect",
            "/oauth2/revoke");

    private final TokenRateLimitProperties properties;
    private final Clock clock;
    private final Map<String, Window> windows;

    public TokenRequestLimit(TokenRateLimitProperties properties, Clock clock) {
        if (properties.perClient() < 1 || properties.perAddress() < 1 || properties.maxKeys() < 1
                || properties.period().isZero() || properties.period().isNegative()) {
            throw new IllegalStateException("returnflow.auth.rate-limit: per-client, per-address and max-keys must be "
                    + "at least 1, and period positive");
        }
        this.properties = properties;
        this.clock = clock;
        int max = properties.maxKeys();
        this.windows = new LinkedHashMap<>(Math.min(max, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > max;
            }
        };
    }

    /** Requests counted in one window for one key. */
    private static final class Window {
        long startedAt;
        int count;
    }

    /** Only the endpoints where a client presents its secret count; keys and metadata are free. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !LIMITED_PATHS.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        long waitMillis = Math.max(spend("addr:" + request.getRemoteAddr(), properties.perAddress(), now),
                clientId(request).map(id -> spend("client:" + id, properties.perClient(), now)).orElse(0L));
        if (waitMillis == 0) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many token requests for this client or from this address (at most " + properties.perClient()
                        + " per client and " + properties.perAddress() + " per address in "
                        + properties.period().toSeconds() + " s). Retry after " + seconds + " s.");
        problem.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        problem.setType(URI.create("https://returnflow.org/problems/too-many-requests"));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Counts one request against a key.
     *
     * @return 0 when within the budget, else the milliseconds until its window ends
     */
    private long spend(String key, int budget, long now) {
        long period = properties.period().toMillis();
        synchronized (windows) {
            Window window = windows.computeIfAbsent(key, k -> new Window());
            if (now - window.startedAt >= period) {
                window.startedAt = now;
                window.count = 0;
            }
            window.count++;
            return window.count <= budget ? 0 : Math.max(1, window.startedAt + period - now);
        }
    }

    /** The client id the request names: in its Basic credentials (URL-encoded, RFC 6749 2.3.1) or its form. */
    static java.util.Optional<String> clientId(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return java.util.Optional.of(URLDecoder.decode(colon < 0 ? credentials : credentials.substring(0, colon),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.ofNullable(request.getParameter(OAuth2ParameterNames.CLIENT_ID))
                .filter(id -> !id.isBlank());
    }
}
