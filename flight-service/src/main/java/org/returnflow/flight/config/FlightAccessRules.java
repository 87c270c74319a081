package org.returnflow.flight.config;

import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static org.returnflow.platform.security.ApiAccessRules.scope;

/** Reading flights and manifests needs {@code flights:read}; every change needs {@code flights:manage}. */
@Configuration(proxyBeanMethods = false)
public class FlightAccessRules {

    @Bean
    ApiAccessRules flightApiRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/flights", "/api/flights/**").hasAuthority(scope("flights:read"))
                .requestMatchers(HttpMethod.POST, "/api/flights", "/api/flights/**")
                .hasAuthority(scope("flights:manage"));
    }
}
