package org.returnflow.infra.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service lives and which paths it owns, under {@code returnflow.gateway}.
 *
 * @param services the routed services by name; the name is also the circuit breaker's name
 * @param retry how idempotent requests are retried
 */
@ConfigurationProperties("returnflow.gateway")
public record GatewayRoutesProperties(Map<String, Service> services, @DefaultValue Retry retry) {

    /**
     * @param uri the service's base URI, e.g. {@code http://localhost:8081}
     * @param paths path patterns, e.g. {@code /api/detainees/**}; such a pattern also matches the bare {@code /api/detainees}
     */
    public record Service(URI uri, List<String> paths) {
    }

    /**
     * @param retries retries after the first attempt
     * @param firstBackoff pause before the first retry; doubled before each further one
     * @param maxBufferedBody largest request body kept in memory so a PUT can be sent again; larger bodies are not retried
     */
    public record Retry(@DefaultValue("2") int retries, @DefaultValue("100ms") Duration firstBackoff,
            @DefaultValue("1048576") int maxBufferedBody) {
    }
}
