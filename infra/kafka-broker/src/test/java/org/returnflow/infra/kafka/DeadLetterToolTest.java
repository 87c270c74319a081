package org.returnflow.infra.kafka;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.messaging.DeadLetters.DeadLetter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong usage is refused before any broker is asked; a dead letter reads as an operator needs it. */
class DeadLetterToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void replayNeedsATopicAndEitherIdsOrAll() {
        assertThat(run("replay", "detention.commands")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("either --id ID").contains(DeadLetterTool.USAGE);
        assertThat(run("replay", "detention.commands", "--id", "a", "--all")).isEqualTo(2);
        assertThat(run("replay", "--all")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("name the topic to replay");
        assertThat(run("list", "--all")).isEqualTo(2);
        assertThat(run("purge")).isEqualTo(2);
        assertThat(run("replay", "detention.commands", "--id")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("--id needs a value");
        assertThat(out.toString(UTF_8)).isEmpty();
    }

    @Test
    void optionsTakeSeveralIdsAndTheBootstrapServerFromTheEnvironment() {
        var options = DeadLetterTool.Options.parse(new String[]{"replay", "consent.commands", "--id", "a", "--id", "b"},
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        assertThat(options.replay()).isTrue();
        assertThat(options.topic()).isEqualTo("consent.commands");
        assertThat(options.ids()).containsExactly("a", "b");
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(DeadLetterTool.Options.parse(new String[]{"list", "--bootstrap-server", "h:1"}, Map.of()).topic())
                .isNull();
        assertThatThrownBy(() -> DeadLetterTool.Options.parse(new String[]{"list", "a", "b"}, Map.of()))
                .hasMessageContaining("one topic only");
    }

    @Test
    void aDeadLetterShowsTypeSubjectIdErrorTimeOriginAndReplay() {
        DeadLetter letter = new DeadLetter("consent.commands.DLT", 1, 7, "case-1", "id-1",
                "returnflow.consent.RequestConsent.v1", "case-1", "consent.commands", 1, 42L, "consent-service",
                "org.returnflow.platform.messaging.MessageRejectedException", "RULE\nbroken", "PERMANENT",
                Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T11:00:00Z"), "cli:root");

        String text = DeadLetterTool.format(letter);

        assertThat(text).contains("1@7").contains("2026-12-03T10:00:00Z").contains("returnflow.consent.RequestConsent.v1")
                .contains("subject case-1").contains("id id-1")
                .contains("PERMANENT org.returnflow.platform.messaging.MessageRejectedException: RULE broken")
                .contains("from consent.commands-1@42 (consumer consent-service)")
                .contains("replayed 2026-12-03T11:00:00Z by cli:root");
        DeadLetter poison = new DeadLetter("consent.commands.DLT", 0, 0, null, null, null, null, "consent.commands",
                null, null, null, null, null, null, null, null, null);
        assertThat(DeadLetterTool.format(poison)).contains("(not a CloudEvent)").doesNotContain("replayed");
    }

    private int run(String... args) {
        return DeadLetterTool.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"));
    }
}
