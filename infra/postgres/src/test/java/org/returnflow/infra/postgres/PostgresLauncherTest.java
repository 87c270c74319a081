package org.returnflow.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresLauncherTest {

    @Test
    void defaultsToTheStackPortDataDirectoryAndServiceDatabases() {
        var settings = PostgresLauncher.Settings.from(new String[0], Map.of());

        assertThat(settings.port()).isEqualTo(15432);
        assertThat(settings.dataDir()).isEqualTo(Path.of(".returnflow/pg"));
        assertThat(settings.databases()).containsExactly("detention", "consent", "flight", "notification", "workflow");
    }

    @Test
    void argumentsNameTheDatabasesAndEnvironmentMovesPortAndData() {
        var settings = PostgresLauncher.Settings.from(new String[] {"one", "two"},
                Map.of("RETURNFLOW_PG_PORT", "25432", "RETURNFLOW_PG_DATA", "/tmp/pg"));

        assertThat(settings.databases()).containsExactly("one", "two");
        assertThat(settings.port()).isEqualTo(25432);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/pg"));
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThatThrownBy(() -> PostgresLauncher.Settings.from(new String[0], Map.of("RETURNFLOW_PG_PORT", "pg")))
                .hasMessageContaining("RETURNFLOW_PG_PORT");
    }
}
