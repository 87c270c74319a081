package org.returnflow.infra.gateway.routing;

import org.returnflow.infra.gateway.config.ProblemTypes;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.returnflow.infra.gateway.config.RateLimitProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the rate of requests per client (OWASP API4) with a Resilience4j {@link RateLimiter} per
 * client. Past the limit a request gets 429, an RFC 9457 problem, and a {@code Retry-After} header
 * with the seconds until the client's budget refills; it never reaches a service.
 *
 * <p><b>Who is a client.</b> A request whose bearer token verifies ({@link TokenVerifier}: signature
 * against the authorisation server's JWK set, issuer, expiry) is counted against the token's client
 * id: every token of that client, however the header is written, spends one budget, and nobody
 * without a real token of the client can spend it. A request without a token, or with one that does
 * not verify (forged, expired, another issuer's), is counted against its remote address, and still
 * goes on to the service, which answers 401. So a flood of made-up tokens from one address spends
 * that address's budget only.
 *
 * <p>Limiters live in a bounded map: the least recently seen key is dropped when it is full, so
 * requests from ever new addresses cost memory only up to {@code max-clients}. The budgets are per
 * gateway instance.
 */
public final class ClientRateLimit extends OncePerRequestFilter {

    /** ProblemDetail's empty {@code properties} stays out of the answer. */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Pattern BEARER = Pattern.compile("^\\s*Bearer\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

    private final RateLimiterConfig config;
    private final Map<String, AtomicRateLimiter> limiters;
    private final TokenVerifier tokens;

    public ClientRateLimit(RateLimitProperties properties, TokenVerifier tokens) {
        this.tokens = tokens;
        if (properties.limitForPeriod() < 1 || properties.maxClients() < 1) {
            throw new IllegalStateException(
                    "returnflow.gateway.rate-limit.limit-for-period and max-clients must be at least 1");
        }
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(properties.limitForPeriod())
                .limitRefreshPeriod(properties.refreshPeriod())
                .timeoutDuration(Duration.ZERO)
                .build();
        int max = properties.maxClients();
        this.limiters = new LinkedHashMap<>(Math.min(max, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AtomicRateLimiter> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AtomicRateLimiter limiter = limiterFor(clientKey(request, tokens));
        if (limiter.acquirePermission()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (limiter.getDetailedMetrics().getNanosToWait() + 999_999_999L) / 1_000_000_000L);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "This client made more than " + config.getLimitForPeriod() + " requests in "
                        + config.getLimitRefreshPeriod().toMillis() + " ms. Retry after " + seconds + " s.");
        problem.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        problem.setType(ProblemTypes.of(HttpStatus.TOO_MANY_REQUESTS));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /** The number of clients whose limiters are kept. */
    public int trackedClients() {
        synchronized (limiters) {
            return limiters.size();
        }
    }

    private AtomicRateLimiter limiterFor(String key) {
        synchronized (limiters) {
            return limiters.computeIfAbsent(key, k -> new AtomicRateLimiter(k, config));
        }
    }

    /** {@code client:<verified client id>}, or {@code addr:<remote address>} without a token that verifies. */
    static String clientKey(HttpServletRequest request, TokenVerifier tokens) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Matcher bearer = authorization == null ? null : BEARER.matcher(authorization);
        if (bearer != null && bearer.matches()) {
            Optional<String> client = tokens.clientId(bearer.group(1));
            if (client.isPresent()) {
                return "client:" + client.get();
            }
        }
        return "addr:" + request.getRemoteAddr();
    }
}
