package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TopicAccess, which the consumers and the broker's ACLs use, says what asyncapi.yaml says. */
class TopicAccessTest {

    @Test
    void everyChannelHasTheAccessThatAsyncApiStates() throws IOException {
        Map<String, TopicAccess.Access> stated = new LinkedHashMap<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            new YAMLMapper().readTree(in).path("channels").forEach(channel -> {
                JsonNode access = channel.path("x-returnflow-access");
                stated.put(channel.path("address").asText(),
                        new TopicAccess.Access(principals(access.path("write")), principals(access.path("read"))));
            });
        }

        assertThat(TopicAccess.all()).containsExactlyInAnyOrderEntriesOf(stated);
    }

    @Test
    void aTopicMayCarryTheSourcesOfItsWritersOnly() {
        assertThat(TopicAccess.sources(Topics.DETENTION_EVENTS)).containsExactly("/returnflow/detention-service");
        assertThat(TopicAccess.sources(Topics.DETENTION_COMMANDS)).containsExactly("/returnflow/workflow");
        assertThat(TopicAccess.sources(Topics.NOTIFICATION_COMMANDS))
                .containsExactlyInAnyOrder("/returnflow/workflow", "/returnflow/detention-service");
        assertThat(TopicAccess.sources("someone.else")).isEmpty();
    }

    @Test
    void everyMessageTopicBelongsToAServiceAndThePartnerWritesNothing() {
        for (MessageDescriptor message : MessageCatalog.all()) {
            assertThat(TopicAccess.of(message.topic())).as(message.type()).isPresent();
        }
        TopicAccess.all().values().forEach(access -> {
            assertThat(TopicAccess.services()).containsAll(access.writers());
            assertThat(access.writers()).doesNotContain(TopicAccess.PARTNER, TopicAccess.OPERATOR);
        });
    }

    private static List<String> principals(JsonNode list) {
        List<String> principals = new ArrayList<>();
        list.forEach(p -> principals.add(p.asText()));
        return principals;
    }
}
