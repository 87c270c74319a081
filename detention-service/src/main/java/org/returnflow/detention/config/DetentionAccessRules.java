package org.returnflow.detention.config;

import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import static org.returnflow.platform.security.ApiAccessRules.scope;

/**
 * Function-level rules (OWASP API5): reads need {@code detention:read}, writes (POST, and the
 * merge patch of a record) {@code detention:write}. The audit trail needs {@code detention:read}; partners are refused it
 * by the controller. Object-level rules (facilities) are applied per detainee in the API.
 */
@Component
public class DetentionAccessRules implements ApiAccessRules {

    @Override
    public void configure(org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer<
            org.springframework.security.config.annotation.web.builders.HttpSecurity>
            .AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/api/audit").hasAuthority(scope("detention:read"))
                .requestMatchers(HttpMethod.GET, "/api/detainees", "/api/detainees/**")
                .hasAuthority(scope("detention:read"))
                .requestMatchers(HttpMethod.POST, "/api/detainees", "/api/detainees/**")
                .hasAuthority(scope("detention:write"))
                .requestMatchers(HttpMethod.PATCH, "/api/detainees/*")
                .hasAuthority(scope("detention:write"));
    }
}
