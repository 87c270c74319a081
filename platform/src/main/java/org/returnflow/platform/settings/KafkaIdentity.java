package org.returnflow.platform.settings;

import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Stops the start when the service is to sign in to Kafka with SASL ({@code spring.kafka.security.protocol}
 * {@code SASL_PLAINTEXT} or {@code SASL_SSL}) but has no password ({@code returnflow.kafka.password},
 * from {@code KAFKA_PASSWORD}; a default exists only in the {@code local} profile). Without this, the
 * clients would try an empty password and fail at their first connection instead of at the start.
 */
public final class KafkaIdentity implements BeanFactoryPostProcessor, PriorityOrdered {

    private final Environment environment;

    public KafkaIdentity(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String protocol = environment.getProperty("spring.kafka.security.protocol", "PLAINTEXT");
        String password = environment.getProperty("returnflow.kafka.password", "");
        if (protocol.toUpperCase(Locale.ROOT).startsWith("SASL") && password.isEmpty()) {
            throw new MissingSettingsException("Kafka is reached with " + protocol + " as "
                    + environment.getProperty("returnflow.kafka.username", "this service")
                    + ", whose password has no value and no default outside the local profile. Set",
                    List.of("KAFKA_PASSWORD"), "KAFKA_PASSWORD sets returnflow.kafka.password. "
                    + MissingSettingsException.LOCAL_HINT);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
