package org.returnflow.consent.config;

import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static org.returnflow.platform.security.ApiAccessRules.scope;

/** Which scope each consent endpoint needs: reading takes consent:read, deciding consent:decide. */
@Configuration
public class ConsentApiAccess {

    @Bean
    ApiAccessRules consentAccessRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/consents", "/api/consents/*")
                .hasAuthority(scope("consent:read"))
                .requestMatchers(HttpMethod.POST, "/api/consents/*/decision", "/api/consents/*/withdrawal")
                .hasAuthority(scope("consent:decide"));
    }
}
