package org.returnflow.flight.config;

import org.returnflow.platform.security.ApiAccessRules;
import org.returnflow.platform.security.MonitorCaller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static org.returnflow.platform.security.ApiAccessRules.scope;

/**
 * Reading flights and manifests needs {@code flights:read}; every change needs {@code flights:manage}.
 * An independent monitor ({@code flights:monitor}) may read a flight, its manifest and its monitoring
 * reports, and file reports; the controllers then limit it to the flights it is assigned to (404
 * for any other).
 */
@Configuration(proxyBeanMethods = false)
public class FlightAccessRules {

    @Bean
    ApiAccessRules flightApiRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/flights/*", "/api/flights/*/manifest",
                        "/api/flights/*/monitoring-reports")
                .hasAnyAuthority(scope("flights:read"), scope(MonitorCaller.FLIGHTS_SCOPE))
                .requestMatchers(HttpMethod.POST, "/api/flights/*/monitoring-reports")
                .hasAuthority(scope(MonitorCaller.FLIGHTS_SCOPE))
                .requestMatchers(HttpMethod.GET, "/api/flights", "/api/flights/**").hasAuthority(scope("flights:read"))
                .requestMatchers(HttpMethod.POST, "/api/flights", "/api/flights/**")
                .hasAuthority(scope("flights:manage"));
    }
}
