package org.returnflow.workflow.api.ops;

import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

import static org.returnflow.platform.security.ApiAccessRules.scope;

/** Reading and re-driving parked replies and dead letters needs {@code ops:manage}. */
@Component
class OpsAccessRules implements ApiAccessRules {

    static final String SCOPE = "ops:manage";

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/api/ops/**").hasAuthority(scope(SCOPE))
                .requestMatchers(HttpMethod.POST, "/api/ops/**").hasAuthority(scope(SCOPE));
    }
}
