package org.returnflow.infra.gateway.config;

import org.returnflow.infra.gateway.routing.ClientRateLimit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The per-client rate limit in front of every {@code /api/**} route; health and actuator are not limited. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "returnflow.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimiting {

    @Bean
    ClientRateLimit clientRateLimit(RateLimitProperties properties) {
        return new ClientRateLimit(properties);
    }

    @Bean
    FilterRegistrationBean<ClientRateLimit> clientRateLimitRegistration(ClientRateLimit filter) {
        FilterRegistrationBean<ClientRateLimit> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
