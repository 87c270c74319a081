package org.returnflow.infra.gateway.routing;

import java.util.Set;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Calls one service through its circuit breaker, named after the service. Connection failures,
 * timeouts and 502/503/504 answers count as failures. When the service cannot be reached, or the
 * breaker is open, the client gets an RFC 9457 problem naming the service instead of a stack trace.
 */
public final class ServiceCircuitBreaker implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Set<Integer> FAILED_STATUSES = Set.of(502, 503, 504);

    private final String service;
    private final CircuitBreakerFactory<?, ?> factory;
    private volatile CircuitBreaker breaker;

    public ServiceCircuitBreaker(String service, CircuitBreakerFactory<?, ?> factory) {
        this.service = service;
        this.factory = factory;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        return breaker().run(() -> {
            ServerResponse response = call(next, request);
            if (FAILED_STATUSES.contains(response.statusCode().value())) {
                throw new FailedAnswer(response);
            }
            return response;
        }, failure -> fallback(request, failure));
    }

    private static ServerResponse call(HandlerFunction<ServerResponse> next, ServerRequest request) {
        try {
            return next.handle(request);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UpstreamCallFailed(e);
        }
    }

    private ServerResponse fallback(ServerRequest request, Throwable failure) {
        Throwable cause = failure instanceof UpstreamCallFailed ? failure.getCause() : failure;
        if (cause instanceof FailedAnswer answer) {
            return answer.response; // the service's own answer, counted as a failure but passed on unchanged
        }
        if (cause instanceof CallNotPermittedException) {
            return ServiceUnavailable.problem(service, ServiceUnavailable.Reason.CIRCUIT_OPEN, request);
        }
        if (Failures.isConnectFailure(cause)) {
            return ServiceUnavailable.problem(service, ServiceUnavailable.Reason.UNREACHABLE, request);
        }
        if (Failures.isTimeout(cause)) {
            return ServiceUnavailable.problem(service, ServiceUnavailable.Reason.TIMEOUT, request);
        }
        if (Failures.isIoFailure(cause)) {
            return ServiceUnavailable.problem(service, ServiceUnavailable.Reason.BROKEN_RESPONSE, request);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }

    private CircuitBreaker breaker() {
        CircuitBreaker b = breaker;
        if (b == null) {
            b = factory.create(service);
            breaker = b;
        }
        return b;
    }

    /** A checked exception from the proxy call, carried through the breaker. */
    private static final class UpstreamCallFailed extends RuntimeException {
        UpstreamCallFailed(Exception cause) {
            super(cause);
        }
    }

    /** A 502/503/504 answer: a failure for the breaker, yet the client still gets the service's answer. */
    private static final class FailedAnswer extends RuntimeException {
        private final transient ServerResponse response;

        FailedAnswer(ServerResponse response) {
            super("answered " + response.statusCode().value(), null, false, false);
            this.response = response;
        }
    }
}
