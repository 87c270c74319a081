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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * asyncapi.yaml states how the broker is secured: SASL/SCRAM, one principal per service that writes
 * its own topics and reads what it consumes, a partner principal that reads the public events only,
 * and contact details readable by the notification service alone.
 */
class AsyncApiSecurityTest {

    private static final Set<String> SERVICES = Set.of("detention-service", "consent-service", "flight-service",
            "notification-service", "workflow");
    private static final String PARTNER = "partner";
    private static final String OPERATOR = "operator";

    private static JsonNode doc;
    /** x-returnflow-access of each channel, by topic. */
    private static final Map<String, JsonNode> ACCESS = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AsyncApiSecurityTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            doc = new YAMLMapper().readTree(in);
        }
        doc.path("channels").forEach(c -> ACCESS.put(c.path("address").asText(), c.path("x-returnflow-access")));
    }

    @Test
    void theBrokerRequiresSaslScram() {
        JsonNode security = doc.at("/servers/local/security");
        assertThat(security).hasSize(1);
        JsonNode scheme = doc.at(security.get(0).path("$ref").asText().substring(1));
        assertThat(scheme.path("type").asText()).isIn("scramSha256", "scramSha512");
        assertThat(scheme.path("description").asText()).contains("User:partner").contains("User:workflow");
    }

    @Test
    void everyChannelNamesWhoWritesAndWhoReadsIt() {
        assertThat(ACCESS).hasSize(Topics.all().size() * 2);
        ACCESS.forEach((topic, access) -> {
            // a dead-letter topic is written by the consumers of its topic; workflow.events has none
            if (!topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                assertThat(principals(access, "write")).as("writers of %s", topic).isNotEmpty();
            }
            assertThat(access.has("write")).as("writers of %s", topic).isTrue();
            assertThat(principals(access, "write")).allSatisfy(p -> assertThat(SERVICES).contains(p));
            assertThat(principals(access, "read")).as("readers of %s", topic).isNotEmpty()
                    .allSatisfy(p -> assertThat(p).isIn(union(SERVICES, Set.of(PARTNER, OPERATOR))));
        });
    }

    @Test
    void aServiceAloneWritesItsEventsAndAloneReadsItsCommands() {
        for (String topic : Topics.all()) {
            String owner = owner(topic);
            if (topic.endsWith(".events")) {
                assertThat(principals(ACCESS.get(topic), "write")).as(topic).containsExactly(owner);
            } else {
                assertThat(principals(ACCESS.get(topic), "read")).as(topic).containsExactly(owner);
            }
        }
    }

    @Test
    void thePartnerReadsThePublicEventsAndNothingElse() {
        List<String> readable = ACCESS.entrySet().stream()
                .filter(e -> principals(e.getValue(), "read").contains(PARTNER))
                .map(Map.Entry::getKey).toList();

        assertThat(readable).containsExactlyInAnyOrderElementsOf(
                Topics.all().stream().filter(t -> t.endsWith(".events")).toList());
        ACCESS.values().forEach(access -> assertThat(principals(access, "write")).doesNotContain(PARTNER));
    }

    @Test
    void contactDetailsAreReadByTheNotificationServiceAlone() {
        assertThat(principals(ACCESS.get(Topics.NOTIFICATION_COMMANDS), "read"))
                .containsExactly("notification-service");
    }

    @Test
    void deadLettersAreWrittenByTheConsumersOfTheirTopicAndReadByTheOperator() {
        for (String topic : Topics.all()) {
            List<String> consumers = principals(ACCESS.get(topic), "read").stream()
                    .filter(p -> !p.equals(PARTNER)).toList();
            JsonNode deadLetter = ACCESS.get(Topics.deadLetter(topic));
            assertThat(principals(deadLetter, "write")).as(Topics.deadLetter(topic))
                    .containsExactlyInAnyOrderElementsOf(consumers);
            assertThat(principals(deadLetter, "read")).as(Topics.deadLetter(topic)).containsExactly(OPERATOR);
        }
    }

    /** The operations say which service sends and receives on each channel; the ACLs must allow it. */
    @Test
    void theOperationsAgreeWithTheAccessLists() {
        doc.path("operations").forEach(operation -> {
            String channel = operation.path("channel").path("$ref").asText().substring("#/channels/".length());
            String topic = doc.path("channels").path(channel).path("address").asText();
            String service = operation.path("title").asText().split(" ")[0];
            String right = operation.path("action").asText().equals("send") ? "write" : "read";
            assertThat(principals(ACCESS.get(topic), right)).as("%s %s %s", service, right, topic).contains(service);
        });
    }

    private static String owner(String topic) {
        String prefix = topic.substring(0, topic.indexOf('.'));
        return prefix.equals("workflow") ? "workflow" : prefix + "-service";
    }

    private static List<String> principals(JsonNode access, String right) {
        List<String> principals = new ArrayList<>();
        access.path(right).forEach(p -> principals.add(p.asText()));
        return principals;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }
}
