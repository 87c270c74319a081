package org.returnflow.notification.config;

import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

import static org.returnflow.platform.security.ApiAccessRules.scope;

/** Function-level rules (OWASP API5): which scope each notification-service call needs. */
@Component
public class NotificationAccessRules implements ApiAccessRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/api/notifications", "/api/notifications/**")
                .hasAuthority(scope("notifications:read"))
                .requestMatchers(HttpMethod.PUT, "/api/consulates/*")
                .hasAuthority(scope("consulates:manage"))
                .requestMatchers(HttpMethod.GET, "/api/consulates/*")
                .hasAnyAuthority(scope("notifications:read"), scope("consulates:manage"));
    }
}
