package org.returnflow.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.returnflow.platform.messaging.DeadLetterGauge;
import org.returnflow.platform.messaging.DeadLetters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What a service shows about itself besides its API: no spans (and no request metrics) for the
 * actuator's own endpoints, which the stack script and Prometheus call every few seconds; and, in the
 * one process that enables it, the gauge of dead letters waiting per dead-letter topic. Traces of
 * messages are {@link org.returnflow.platform.messaging.MessageTracing}; the tracing and logging
 * defaults are in {@code returnflow-defaults.properties}.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityAutoConfiguration {

    /** Health probes and scrapes are no one's request: they would bury the traces of real work. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(ServerRequestObservationContext.class)
    static class ActuatorRequests {

        @Bean
        ObservationPredicate returnflowActuatorRequestsUnobserved() {
            return (name, context) -> !(context instanceof ServerRequestObservationContext request
                    && request.getCarrier() != null && request.getCarrier().getRequestURI() != null
                    && request.getCarrier().getRequestURI().startsWith("/actuator"));
        }
    }

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    @ConditionalOnProperty(prefix = "returnflow.observability.dead-letter-gauge", name = "enabled", havingValue = "true")
    DeadLetterGauge deadLetterGauge(DeadLetters deadLetters, ObjectProvider<MeterRegistry> meters,
                                    ObservabilityProperties properties) {
        return new DeadLetterGauge(deadLetters, meters.getIfAvailable(SimpleMeterRegistry::new),
                properties.getDeadLetterGauge().getInterval());
    }
}
