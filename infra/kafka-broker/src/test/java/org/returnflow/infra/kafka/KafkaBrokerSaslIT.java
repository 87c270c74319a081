package org.returnflow.infra.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.returnflow.contracts.Topics;

/**
 * The packaged broker with {@code KAFKA_SECURITY=sasl}: nobody gets in without SCRAM credentials, and
 * each principal may do what asyncapi.yaml's access lists say and nothing more. The consent-service
 * cannot write detention.events; the partner reads the public events and is refused the commands, the
 * dead letters and every write.
 */
class KafkaBrokerSaslIT {

    private static final String PARTNER_PASSWORD = "partner-it-secret";

    @TempDir
    static Path dataDir;

    private static BrokerProcess broker;
    private static String bootstrap;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        int port = BrokerProcess.freePort();
        bootstrap = "127.0.0.1:" + port;
        broker = BrokerProcess.start(dataDir, port, BrokerProcess.freePort(), Map.of("KAFKA_SECURITY", "sasl",
                "SPRING_PROFILES_ACTIVE", "local", BrokerSecurity.passwordVariable("partner"), PARTNER_PASSWORD));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordIsRefused() {
        String value = UUID.randomUUID().toString();
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", bootstrap));
        assertThat(catchThrowable(() -> send(anonymous, Topics.DETENTION_EVENTS, value)))
                .as("no SASL handshake: the broker answers nothing").isNotNull();

        assertThat(root(catchThrowable(() -> send(client("detention-service", "guessed"), Topics.DETENTION_EVENTS, value))))
                .isInstanceOf(SaslAuthenticationException.class);
        assertThat(values(workflow(), Topics.DETENTION_EVENTS)).as("nothing reached the topic").doesNotContain(value);
    }

    @Test
    void theConsentServiceWritesItsOwnEventsButNotTheDetentionEvents() throws Exception {
        String value = UUID.randomUUID().toString();
        Map<String, Object> consent = client("consent-service", BrokerSecurity.localPassword("consent-service"));

        send(consent, Topics.CONSENT_EVENTS, value);
        assertThat(values(workflow(), Topics.CONSENT_EVENTS)).contains(value);
        assertThat(root(catchThrowable(() -> send(consent, Topics.DETENTION_EVENTS, value))))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(root(catchThrowable(() -> send(consent, Topics.DETENTION_COMMANDS, value))))
                .as("nor commands: only the workflow sends them").isInstanceOf(TopicAuthorizationException.class);
        assertThat(values(workflow(), Topics.DETENTION_EVENTS)).doesNotContain(value);
        assertThat(values(client("detention-service", BrokerSecurity.localPassword("detention-service")),
                Topics.DETENTION_COMMANDS)).doesNotContain(value);
    }

    @Test
    void thePartnerReadsTheEventsAndIsRefusedTheCommandsTheDeadLettersAndEveryWrite() throws Exception {
        String value = UUID.randomUUID().toString();
        send(client("detention-service", BrokerSecurity.localPassword("detention-service")), Topics.DETENTION_EVENTS,
                value);
        Map<String, Object> partner = client("partner", PARTNER_PASSWORD);

        assertThat(values(partner, Topics.DETENTION_EVENTS)).contains(value);
        assertThat(values(partner, Topics.WORKFLOW_EVENTS)).isEmpty();
        for (String closed : List.of(Topics.CONSENT_COMMANDS, Topics.NOTIFICATION_COMMANDS,
                Topics.deadLetter(Topics.DETENTION_EVENTS))) {
            assertThat(root(catchThrowable(() -> values(partner, closed)))).as(closed)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(root(catchThrowable(() -> send(partner, Topics.DETENTION_EVENTS, value))))
                .as("the partner writes nothing").isInstanceOf(AuthorizationException.class);
        assertThat(root(catchThrowable(() -> values(client("partner", BrokerSecurity.localPassword("partner")),
                Topics.DETENTION_EVENTS)))).as("the variable replaces the local default")
                .isInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void theToolsSignInWithKafkaUsernameAndPassword() throws Exception {
        String caseId = UUID.randomUUID().toString();
        Map<String, String> asWorkflow = Map.of("KAFKA_USERNAME", "workflow",
                "KAFKA_PASSWORD", BrokerSecurity.localPassword("workflow"));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        assertThat(SendMessage.run(new String[]{"RequestConsent", "{\"caseId\":\"" + caseId + "\",\"detaineeId\":\""
                        + caseId + "\",\"preferredLanguage\":\"fa\",\"detainedSince\":\"2026-05-02\","
                        + "\"dueBy\":\"2026-12-20T00:00:00Z\"}"}, InputStream.nullInputStream(),
                new PrintStream(sent, true, UTF_8), System.err, bootstrap, BrokerSecurity.toolCredentials(asWorkflow)))
                .as("./returnflow send as the workflow: %s", sent).isZero();

        send(client("detention-service", BrokerSecurity.localPassword("detention-service")), Topics.DETENTION_EVENTS,
                caseId);
        ByteArrayOutputStream tailed = new ByteArrayOutputStream();
        try (TopicTail tail = new TopicTail(bootstrap, BrokerSecurity.toolCredentials(Map.of("KAFKA_USERNAME", "partner",
                "KAFKA_PASSWORD", PARTNER_PASSWORD)), Topics.DETENTION_EVENTS, true, new PrintStream(tailed, true, UTF_8))) {
            assertThat(CompletableFuture.supplyAsync(() -> tail.run(1)).get(60, TimeUnit.SECONDS))
                    .as("./returnflow tail as the partner").isEqualTo(1L);
        }

        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertThat(DeadLetterTool.run(new String[]{"list", Topics.CONSENT_COMMANDS, "--bootstrap-server", bootstrap},
                new PrintStream(listed, true, UTF_8), System.err, Map.of("KAFKA_USERNAME", "operator",
                        "KAFKA_PASSWORD", BrokerSecurity.localPassword("operator")))).as("dlt list as the operator: %s", listed)
                .isZero();
        assertThat(listed.toString(UTF_8)).contains("consent.commands.DLT: 0 dead letters");
        assertThatThrownBy(() -> BrokerSecurity.toolCredentials(Map.of("KAFKA_USERNAME", "partner")))
                .hasMessageContaining("KAFKA_PASSWORD");
    }

    @Test
    void aServiceConsumesInItsOwnGroupOnly() {
        Map<String, Object> flight = client("flight-service", BrokerSecurity.localPassword("flight-service"));
        flight.put(ConsumerConfig.GROUP_ID_CONFIG, "workflow");
        flight.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        flight.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(flight)) {
            consumer.subscribe(List.of(Topics.FLIGHT_COMMANDS));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    private static Map<String, Object> client(String principal, String password) {
        return new HashMap<>(BrokerSecurity.client(bootstrap, principal, password));
    }

    private static Map<String, Object> workflow() {
        return client("workflow", BrokerSecurity.localPassword("workflow"));
    }

    private static Throwable root(Throwable thrown) {
        assertThat(thrown).as("refused").isNotNull();
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static void send(Map<String, Object> client, String topic, String value) throws Exception {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The value of every record on the topic, read from the beginning without a consumer group. */
    private static List<String> values(Map<String, Object> client, String topic) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < BrokerSecurity.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> records.add(r.value()));
            }
        }
        return records;
    }
}
