package org.returnflow.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaBrokerLauncherTest {

    @Test
    void defaultsToTheStackPortsAndDataDirectory() {
        var settings = KafkaBrokerLauncher.BrokerSettings.from(new String[0], Map.of());

        assertThat(settings.port()).isEqualTo(9092);
        assertThat(settings.controllerPort()).isEqualTo(9093);
        assertThat(settings.dataDir()).isEqualTo(Path.of(".returnflow/kafka"));
    }

    @Test
    void environmentAndArgumentOverrideTheDefaults() {
        var settings = KafkaBrokerLauncher.BrokerSettings.from(new String[] {"/tmp/k"},
                Map.of("KAFKA_PORT", "19092", "KAFKA_CONTROLLER_PORT", "19093", "KAFKA_DATA_DIR", "/ignored"));

        assertThat(settings.port()).isEqualTo(19092);
        assertThat(settings.controllerPort()).isEqualTo(19093);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/k"));
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThatThrownBy(() -> KafkaBrokerLauncher.BrokerSettings.from(new String[0], Map.of("KAFKA_PORT", "kafka")))
                .hasMessageContaining("KAFKA_PORT");
    }

    @Test
    void writesASingleNodeKraftConfiguration() {
        Map<String, String> p = KafkaBrokerLauncher.serverProperties(9092, 9093, Path.of("/data"));

        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("num.partitions", "3")
                .containsEntry("log.dirs", Path.of("/data").toString());
    }
}
