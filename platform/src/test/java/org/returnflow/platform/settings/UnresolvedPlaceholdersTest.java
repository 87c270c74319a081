package org.returnflow.platform.settings;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.config.PlatformDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A setting whose variable is unset and has no default is found and named; nothing else is. */
class UnresolvedPlaceholdersTest {

    @Test
    void aSecretWithoutItsVariableIsNamedInsteadOfBindingThePlaceholderText() {
        StandardEnvironment environment = withSettings(Map.of(
                "camunda.bpm.admin-user.password", "${RF_TEST_ADMIN_PASSWORD}",
                "server.port", "${RF_TEST_PORT:8080}",
                "spring.datasource.url", "jdbc:postgresql://localhost:${RF_TEST_PG_PORT:15432}/x"));

        assertThat(UnresolvedPlaceholders.find(environment))
                .containsExactly(Map.entry("camunda.bpm.admin-user.password", "RF_TEST_ADMIN_PASSWORD"));
        assertThatThrownBy(() -> new UnresolvedPlaceholders(environment).postProcessBeanFactory(null))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessage("A setting has no value and no default outside the local profile. "
                        + "Set these environment variables: RF_TEST_ADMIN_PASSWORD")
                .satisfies(e -> assertThat(((MissingSettingsException) e).action())
                        .startsWith("RF_TEST_ADMIN_PASSWORD sets camunda.bpm.admin-user.password. ")
                        .contains("SPRING_PROFILES_ACTIVE=local"));
    }

    @Test
    void theVariableOrAnOverridingSettingSatisfiesIt() {
        StandardEnvironment variableSet = withSettings(Map.of("a.password", "${RF_TEST_SECRET}"));
        variableSet.getPropertySources().addFirst(new MapPropertySource("variables", Map.of("RF_TEST_SECRET", "s3cret")));
        assertThat(UnresolvedPlaceholders.find(variableSet)).isEmpty();

        StandardEnvironment overridden = withSettings(Map.of("a.password", "${RF_TEST_SECRET}"));
        overridden.getPropertySources().addFirst(new MapPropertySource("test", Map.of("a.password", "")));
        assertThat(UnresolvedPlaceholders.find(overridden)).isEmpty();
    }

    @Test
    void theDatabasePasswordHasADefaultInTheLocalProfileOnly() {
        StandardEnvironment production = new StandardEnvironment();
        new PlatformDefaults().postProcessEnvironment(production, new SpringApplication());
        assertThat(UnresolvedPlaceholders.find(production))
                .containsEntry("spring.datasource.password", "RETURNFLOW_DB_PASSWORD");

        StandardEnvironment local = new StandardEnvironment();
        local.setActiveProfiles("local");
        new PlatformDefaults().postProcessEnvironment(local, new SpringApplication());
        assertThat(UnresolvedPlaceholders.find(local)).doesNotContainKey("spring.datasource.password");
        assertThat(local.getProperty("spring.datasource.password")).isEmpty();
    }

    private static StandardEnvironment withSettings(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new OriginTrackedMapPropertySource("Config resource 'application.yml'",
                settings));
        return environment;
    }
}
