package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** asyncapi.yaml describes every topic and every message of the catalog, and nothing else. */
class AsyncApiTest {

    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AsyncApiTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            doc = new YAMLMapper().readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3DocumentWithALocalKafkaServer() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Returnflow");
        assertThat(doc.path("info").path("version").asText()).isNotBlank();
        assertThat(doc.path("servers").path("local").path("host").asText()).isEqualTo("localhost:9092");
        assertThat(doc.path("servers").path("local").path("protocol").asText()).isEqualTo("kafka");
    }

    @Test
    void everyTopicAndItsDeadLetterTopicHasAChannel() {
        Set<String> addresses = stream(doc.path("channels"))
                .map(c -> c.path("address").asText())
                .collect(Collectors.toSet());

        List<String> expected = new ArrayList<>(Topics.all());
        Topics.all().forEach(t -> expected.add(Topics.deadLetter(t)));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.returnflow.contracts.ContractSchemaTest#descriptors")
    void everyMessageIsOnTheChannelOfItsTopic(MessageDescriptor descriptor) {
        JsonNode message = deref(channel(descriptor.topic()).path("messages").path(descriptor.name()));

        assertThat(message.isMissingNode()).as("%s on %s", descriptor.name(), descriptor.topic()).isFalse();
        assertThat(message.path("name").asText()).isEqualTo(descriptor.name());
        assertThat(message.path("title").asText()).isNotBlank();
        assertThat(message.path("contentType").asText()).isEqualTo("application/json");
        assertThat(message.path("payload").path("$ref").asText()).isEqualTo(descriptor.schemaResource());
        assertThat(stream(message.path("headers").path("allOf"))
                .map(h -> deref(h).path("properties").path("ce_type").path("const").asText()))
                .contains(descriptor.type());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.returnflow.contracts.ContractSchemaTest#descriptors")
    void theKafkaKeyNamesThePartitionKeyField(MessageDescriptor descriptor) {
        JsonNode message = deref(channel(descriptor.topic()).path("messages").path(descriptor.name()));
        JsonNode key = deref(message.path("bindings").path("kafka").path("key"));
        String field = key.path("description").asText().split("[^A-Za-z]", 2)[0];
        Message sample = Samples.of(descriptor.javaType());

        assertThat(key.path("type").asText()).isEqualTo("string");
        assertThat(ContractJson.mapper().valueToTree(sample).path(field).asText())
                .as("the payload field %s the key documents", field)
                .isEqualTo(Messages.partitionKey(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.returnflow.contracts.ContractSchemaTest#descriptors")
    void theOwningServiceSendsEventsAndReceivesCommands(MessageDescriptor descriptor) {
        String channelId = channelId(descriptor.topic());
        List<JsonNode> operations = stream(doc.path("operations"))
                .filter(o -> o.path("channel").path("$ref").asText().equals("#/channels/" + channelId))
                .toList();

        assertThat(operations).hasSize(1);
        JsonNode operation = operations.get(0);
        assertThat(operation.path("action").asText())
                .isEqualTo(descriptor.kind() == MessageKind.EVENT ? "send" : "receive");
        assertThat(stream(operation.path("messages")).map(m -> m.path("$ref").asText()))
                .contains("#/channels/" + channelId + "/messages/" + descriptor.name());
    }

    @Test
    void messageTopicsCarryOnlyCataloguedMessages() {
        for (String topic : Topics.all()) {
            Set<String> names = MessageCatalog.all().stream()
                    .filter(d -> d.topic().equals(topic))
                    .map(MessageDescriptor::name)
                    .collect(Collectors.toSet());
            assertThat(fieldNames(channel(topic).path("messages"))).as(topic)
                    .containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            if (ref.startsWith("#")) {
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                assertThat(getClass().getClassLoader().getResource(ref)).as("file %s", ref).isNotNull();
            }
        });
    }

    @Test
    void theCloudEventsHeadersAreDescribed() {
        JsonNode headers = doc.at("/components/schemas/CloudEventsHeaders/properties");

        assertThat(fieldNames(headers))
                .contains("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "ce_specversion");
    }

    private static JsonNode channel(String topic) {
        return doc.path("channels").path(channelId(topic));
    }

    private static String channelId(String topic) {
        List<String> ids = fieldNames(doc.path("channels")).stream()
                .filter(id -> doc.path("channels").path(id).path("address").asText().equals(topic))
                .toList();
        assertThat(ids).as("channels with address %s", topic).hasSize(1);
        return ids.get(0);
    }

    private static JsonNode deref(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? deref(doc.at(ref.substring(1))) : node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static Stream<JsonNode> stream(JsonNode node) {
        return StreamSupport.stream(node.spliterator(), false);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
