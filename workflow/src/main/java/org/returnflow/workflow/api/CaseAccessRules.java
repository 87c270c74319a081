package org.returnflow.workflow.api;

import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

import static org.returnflow.platform.security.ApiAccessRules.scope;

/** An independent monitor's view needs {@code cases:monitor}; reading cases and operations needs {@code cases:read}; opening and controlling them, and ordering a remedy, needs {@code cases:write}. */
@Component
class CaseAccessRules implements ApiAccessRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/api/monitoring/**").hasAuthority(scope("cases:monitor"))
                .requestMatchers(HttpMethod.GET, "/api/removal-cases", "/api/removal-cases/**",
                        "/api/removal-operations/**", "/api/remedy-orders", "/api/remedy-orders/**").hasAuthority(scope("cases:read"))
                .requestMatchers(HttpMethod.POST, "/api/removal-cases", "/api/removal-operations",
                        "/api/removal-cases/*/withdraw", "/api/removal-cases/*/suspend", "/api/removal-cases/*/resume",
                        "/api/removal-operations/*/cancel", "/api/removal-cases/*/remedy-orders")
                .hasAuthority(scope("cases:write"));
    }
}
