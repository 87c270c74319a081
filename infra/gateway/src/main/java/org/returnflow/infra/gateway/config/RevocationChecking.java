package org.returnflow.infra.gateway.config;

import org.returnflow.infra.gateway.routing.RevokedTokenFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Revoked tokens get 401 at the gateway before any route, and before the rate limit: a revoked token
 * is refused whatever its client's budget (the check is a set lookup), and spends none of it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "returnflow.gateway.revocations.enabled", havingValue = "true", matchIfMissing = true)
class RevocationChecking {

    @Bean(destroyMethod = "close")
    RevokedTokenFilter revokedTokenFilter(RevocationProperties properties) {
        return new RevokedTokenFilter(properties.uri(), properties.poll());
    }

    @Bean
    FilterRegistrationBean<RevokedTokenFilter> revokedTokenFilterRegistration(RevokedTokenFilter filter) {
        FilterRegistrationBean<RevokedTokenFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
