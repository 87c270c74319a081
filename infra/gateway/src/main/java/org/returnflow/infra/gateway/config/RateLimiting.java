package org.returnflow.infra.gateway.config;

import org.returnflow.infra.gateway.routing.ClientRateLimit;
import org.returnflow.infra.gateway.routing.JwksTokenVerifier;
import org.returnflow.infra.gateway.routing.TokenVerifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The per-client rate limit (by verified client id) in front of every {@code /api/**} route; health and actuator are not limited. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "returnflow.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimiting {

    @Bean
    TokenVerifier tokenVerifier(TokenProperties properties) {
        return new JwksTokenVerifier(properties);
    }

    @Bean
    ClientRateLimit clientRateLimit(RateLimitProperties properties, TokenVerifier tokenVerifier) {
        return new ClientRateLimit(properties, tokenVerifier);
    }

    @Bean
    FilterRegistrationBean<ClientRateLimit> clientRateLimitRegistration(ClientRateLimit filter) {
        FilterRegistrationBean<ClientRateLimit> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
