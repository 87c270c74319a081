package org.returnflow.infra.gateway.routing;

import org.returnflow.infra.gateway.config.ProblemTypes;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * <p><b>Who is a client.</b> A request with an {@code Authorization} header is counted against a
 * SHA-256 hash of the whole header, so in practice against the token, and a client's budget can only
 * be spent by someone who holds its token. The gateway does not verify tokens (the services do), so
 * it deliberately does not key by the token's {@code sub}: anyone can write an unsigned token naming
 * {@code sub: detention-agency}, and with {@code sub} keys that would spend the detention agency's
 * budget and lock it out. A client that fetches new tokens gets a new budget with each, but fetching
 * one takes its secret and tokens live 15 minutes. A request without the header is counted against
 * its remote address.
 *
 * <p>Limiters live in a bounded map: the least recently seen key is dropped when it is full, so
 * requests with ever new headers cost memory only up to {@code max-clients}.
 */
public final class ClientRateLimit extends OncePerRequestFilter {

    /** ProblemDetail's empty {@code properties} stays out of the answer. */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final RateLimiterConfig config;
    private final Map<String, AtomicRateLimiter> limiters;

    public ClientRateLimit(RateLimitProperties properties) {
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
        AtomicRateLimiter limiter = limiterFor(clientKey(request));
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

    /** {@code auth:<sha-256 of the Authorization header>}, or {@code addr:<remote address>} without one. */
    static String clientKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return "addr:" + request.getRemoteAddr();
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(StandardCharsets.UTF_8));
            return "auth:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
