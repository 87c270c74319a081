package org.returnflow.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's function-level rules for {@code /api/**}: which scope each path and method needs.
 * Declare one as a bean; the platform applies every rule before its own catch-all, which lets
 * through no request that no rule names.
 */
@FunctionalInterface
public interface ApiAccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /** The authority Spring Security derives from a scope. */
    static String scope(String scope) {
        return "SCOPE_" + scope;
    }
}
