package org.returnflow.workflow.config;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.returnflow.platform.settings.MissingSettingsException;
import org.returnflow.workflow.WorkflowApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The workflow started as it is deployed (no {@code local} profile): without its secrets it stops
 * before the engine touches a database, and names the variables. The admin password never binds as
 * the literal text {@code ${CAMUNDA_ADMIN_PASSWORD}}.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowSecretsTest {

    @BeforeAll
    static void noSecretsInThisEnvironment() {
        assumeTrue(Stream.of("CAMUNDA_ADMIN_PASSWORD", "RETURNFLOW_DB_PASSWORD", "SPRING_DATASOURCE_PASSWORD",
                "CAMUNDA_OPERATOR1_PASSWORD").allMatch(v -> System.getenv(v) == null), "secrets are set here");
    }

    @Test
    void withoutTheAdminAndDatabasePasswordsItFailsNamingBoth(CapturedOutput output) {
        assertThatThrownBy(() -> start())
                .isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).variables())
                        .containsExactlyInAnyOrder("CAMUNDA_ADMIN_PASSWORD", "RETURNFLOW_DB_PASSWORD"));
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("CAMUNDA_ADMIN_PASSWORD sets camunda.bpm.admin-user.password")
                .doesNotContain("HikariPool-1 - Start");
    }

    @Test
    void withThoseButWithoutTheUsersPasswordsItFailsNamingEachUser(CapturedOutput output) {
        assertThatThrownBy(() -> start("--CAMUNDA_ADMIN_PASSWORD=a", "--RETURNFLOW_DB_PASSWORD=b",
                "--CAMUNDA_REVIEWER2_PASSWORD=c"))
                .isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).variables()).containsExactly(
                        "CAMUNDA_OPERATOR1_PASSWORD", "CAMUNDA_REVIEWER1_PASSWORD", "CAMUNDA_SUPERVISOR1_PASSWORD"));
        assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain("HikariPool-1 - Start");
    }

    @Test
    void withTheFearClaimWindowOverrideItFailsNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("--CAMUNDA_ADMIN_PASSWORD=a", "--RETURNFLOW_DB_PASSWORD=b",
                "--CAMUNDA_OPERATOR1_PASSWORD=c", "--CAMUNDA_REVIEWER1_PASSWORD=d", "--CAMUNDA_REVIEWER2_PASSWORD=e",
                "--CAMUNDA_SUPERVISOR1_PASSWORD=f", "--returnflow.fear-claim.window-override=PT1M"))
                .isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).variables())
                        .containsExactly("RETURNFLOW_FEAR_CLAIM_WINDOW_OVERRIDE"));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("honoured only with the local profile")
                .doesNotContain("HikariPool-1 - Start");
    }

    private static void start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        new SpringApplicationBuilder(WorkflowApplication.class).run(all.toArray(String[]::new)).close();
    }
}
