package org.returnflow.infra.gateway.config;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.GET;

import java.util.Map;

import org.returnflow.infra.gateway.routing.IdempotentRetry;
import org.returnflow.infra.gateway.routing.ServiceCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The OpenAPI document of each routed service at {@code /v3/api-docs/<service>}, fetched from the
 * service's {@code /v3/api-docs} through its circuit breaker. The gateway's Swagger UI
 * ({@code /swagger-ui.html}, {@code springdoc.swagger-ui.urls}) shows them side by side; each
 * document names the server {@code /}, so "Try it out" calls the service through the gateway.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

    /** Where the gateway serves the document of {@code service}. */
    static String docsPath(String service) {
        return "/v3/api-docs/" + service;
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsRouterFunction(GatewayRoutesProperties properties,
            CircuitBreakerFactory<?, ?> circuitBreakers) {
        RouterFunction<ServerResponse> routes = null;
        for (Map.Entry<String, GatewayRoutesProperties.Service> entry : properties.services().entrySet()) {
            String name = entry.getKey();
            RouterFunction<ServerResponse> route = route(name + "-api-docs")
                    .route(GET(docsPath(name)), http())
                    .before(uri(entry.getValue().uri()))
                    .before(setPath("/v3/api-docs"))
                    .filter(new ServiceCircuitBreaker(name, circuitBreakers))
                    .filter(new IdempotentRetry(properties.retry()))
                    .build();
            routes = routes == null ? route : routes.and(route);
        }
        return routes;
    }
}
