package org.returnflow.platform.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.config.PlatformDefaults;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

class KafkaIdentityTest {

    @Test
    void aSaslProtocolWithoutAPasswordStopsTheStartNamingKafkaPassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.kafka.security.protocol", "SASL_PLAINTEXT")
                .withProperty("returnflow.kafka.username", "consent-service")
                .withProperty("returnflow.kafka.password", "");

        assertThatThrownBy(() -> new KafkaIdentity(environment).postProcessBeanFactory(null))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("SASL_PLAINTEXT as consent-service")
                .satisfies(e -> assertThat(((MissingSettingsException) e).variables()).containsExactly("KAFKA_PASSWORD"));
    }

    @Test
    void plaintextNeedsNoPasswordAndSaslWithOneStarts() {
        new KafkaIdentity(new MockEnvironment()).postProcessBeanFactory(null);
        new KafkaIdentity(new MockEnvironment().withProperty("spring.kafka.security.protocol", "PLAINTEXT")
                .withProperty("returnflow.kafka.password", "")).postProcessBeanFactory(null);
        new KafkaIdentity(new MockEnvironment().withProperty("spring.kafka.security.protocol", "SASL_SSL")
                .withProperty("returnflow.kafka.password", "set")).postProcessBeanFactory(null);
    }

    @Test
    void theLocalProfileSignsInAsTheServiceWithItsDevelopmentPasswordAndElsewhereHasNone() {
        StandardEnvironment local = environment("local");
        assertThat(local.getProperty("spring.kafka.security.protocol")).isEqualTo("PLAINTEXT");
        assertThat(local.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"flight-service\" password=\"flight-service-kafka-local-secret\";");

        StandardEnvironment production = environment();
        assertThat(production.getProperty("returnflow.kafka.password")).isEmpty();
        production.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("env",
                java.util.Map.of("spring.kafka.security.protocol", "SASL_SSL")));
        assertThatThrownBy(() -> new KafkaIdentity(production).postProcessBeanFactory(null))
                .isInstanceOf(MissingSettingsException.class);
    }

    private static StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("app",
                java.util.Map.of("spring.application.name", "flight-service")));
        new PlatformDefaults().postProcessEnvironment(environment, null);
        return environment;
    }
}
