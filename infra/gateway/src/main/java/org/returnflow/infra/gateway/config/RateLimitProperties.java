package org.returnflow.infra.gateway.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-client rate limit (OWASP API4), under {@code returnflow.gateway.rate-limit}.
 *
 * @param enabled        whether {@code /api/**} is limited at all
 * @param limitForPeriod requests one client may make in each period
 * @param refreshPeriod  the period after which a client's budget is full again
 * @param maxClients     how many clients' limiters are kept; the least recently seen is dropped
 *                       beyond that, so a flood of new keys cannot exhaust memory
 */
@ConfigurationProperties("returnflow.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("200") int limitForPeriod,
        @DefaultValue("1s") Duration refreshPeriod,
        @DefaultValue("10000") int maxClients) {
}
