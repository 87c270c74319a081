package org.returnflow.infra.auth.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limit on the endpoints where clients present their secret ({@code /oauth2/token},
 * {@code /oauth2/introspect}, {@code /oauth2/revoke}), under {@code returnflow.auth.rate-limit}.
 *
 * @param enabled   whether they are limited at all
 * @param perClient requests naming one client id in each period
 * @param perAddress requests from one remote address in each period
 * @param period    the window after which both budgets are full again
 * @param maxKeys   how many client ids and addresses are tracked; the least recently seen is dropped
 */
@ConfigurationProperties("returnflow.auth.rate-limit")
public record TokenRateLimitProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("20") int perClient,
        @DefaultValue("60") int perAddress,
        @DefaultValue("1m") Duration period,
        @DefaultValue("10000") int maxKeys) {
}
