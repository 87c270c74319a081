package org.returnflow.platform.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.returnflow.platform.PlatformTestApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A service on the platform, started as it would be deployed (no {@code local} profile) without
 * its database password: it stops before connecting anywhere and names the variable.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceWithoutSecretsTest {

    @Test
    void startingWithoutTheLocalProfileOrTheDatabasePasswordFailsNamingTheVariable(CapturedOutput output) {
        assumeTrue(System.getenv("RETURNFLOW_DB_PASSWORD") == null && System.getenv("SPRING_DATASOURCE_PASSWORD") == null,
                "the database password is set in this environment");

        assertThatThrownBy(() -> new SpringApplicationBuilder(PlatformTestApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off"))
                .isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).variables()).containsExactly("RETURNFLOW_DB_PASSWORD"));

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Set these environment variables: RETURNFLOW_DB_PASSWORD")
                .contains("RETURNFLOW_DB_PASSWORD sets spring.datasource.password")
                .doesNotContain("HikariPool-1 - Start");
    }
}
