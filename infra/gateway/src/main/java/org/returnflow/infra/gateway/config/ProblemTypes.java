package org.returnflow.infra.gateway.config;

import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * The problem {@code type} URIs the gateway answers with: the same family the services use
 * (https://returnflow.org/problems/…), so a client tells a refusal of the gateway from one of a
 * service by status and type alike.
 */
public final class ProblemTypes {

    private ProblemTypes() {
    }

    public static URI of(HttpStatus status) {
        String slug = switch (status) {
            case UNAUTHORIZED -> "unauthenticated";
            case NOT_FOUND -> "not-found";
            case TOO_MANY_REQUESTS -> "too-many-requests";
            case BAD_GATEWAY -> "bad-gateway";
            case SERVICE_UNAVAILABLE -> "service-unavailable";
            case GATEWAY_TIMEOUT -> "gateway-timeout";
            default -> "error-" + status.value();
        };
        return URI.create("https://returnflow.org/problems/" + slug);
    }
}
