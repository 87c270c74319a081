package org.returnflow.infra.gateway.config;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

import java.util.Map;

import org.returnflow.infra.gateway.routing.ServiceCircuitBreaker;
import org.returnflow.infra.gateway.routing.IdempotentRetry;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One route per service in {@link GatewayRoutesProperties}. Each route runs, outermost first:
 * the service's circuit breaker (which also turns an unreachable service into a 503 problem), then
 * the retry of idempotent requests, then the proxy call.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

    @Bean
    RouterFunction<ServerResponse> serviceRouterFunction(GatewayRoutesProperties properties,
            CircuitBreakerFactory<?, ?> circuitBreakers) {
        if (properties.services() == null || properties.services().isEmpty()) {
            throw new IllegalStateException("returnflow.gateway.services names no service to route to");
        }
        RouterFunction<ServerResponse> routes = null;
        for (Map.Entry<String, GatewayRoutesProperties.Service> entry : properties.services().entrySet()) {
            String name = entry.getKey();
            GatewayRoutesProperties.Service service = entry.getValue();
            if (service.uri() == null || service.paths() == null || service.paths().isEmpty()) {
                throw new IllegalStateException("returnflow.gateway.services." + name + " needs a uri and paths");
            }
            RouterFunction<ServerResponse> route = route(name)
                    .route(path(service.paths().toArray(String[]::new)), http())
                    .before(uri(service.uri()))
                    .filter(new ServiceCircuitBreaker(name, circuitBreakers))
                    .filter(new IdempotentRetry(properties.retry()))
                    .build();
            routes = routes == null ? route : routes.and(route);
        }
        return routes;
    }
}
