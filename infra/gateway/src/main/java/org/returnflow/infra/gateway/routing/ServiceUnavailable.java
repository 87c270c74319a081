package org.returnflow.infra.gateway.routing;

import org.returnflow.infra.gateway.config.ProblemTypes;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** RFC 9457 answers the gateway gives on a service's behalf when it cannot reach it. */
final class ServiceUnavailable {

    enum Reason {
        UNREACHABLE("is not reachable"),
        CIRCUIT_OPEN("is failing; the gateway stops calling it for a while (circuit breaker open)"),
        TIMEOUT("did not answer in time"),
        BROKEN_RESPONSE("closed the connection without a complete answer");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private ServiceUnavailable() {
    }

    static ServerResponse problem(String service, Reason reason, ServerRequest request) {
        HttpStatus status = switch (reason) {
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case BROKEN_RESPONSE -> HttpStatus.BAD_GATEWAY;
            case UNREACHABLE, CIRCUIT_OPEN -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, service + " " + reason.text + ".");
        problem.setTitle(status.getReasonPhrase());
        problem.setType(ProblemTypes.of(status));
        problem.setInstance(URI.create(request.requestPath().value()));
        problem.setProperty("service", service);
        problem.setProperty("reason", reason.name());
        ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", "5");
        }
        return response.body(problem);
    }
}
