package org.returnflow.infra.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged broker the way {@code ./returnflow up} does ({@code java -jar target/kafka-broker.jar}),
 * sends a CloudEvent to it and reads it back through {@link TopicTail}.
 */
class KafkaBrokerIT {

    private static final String CASE_ID = "6f0c2a8e-5d1b-4c3e-9a7f-2b8d4e6f1a3c";

    @TempDir
    Path dataDir;

    private BrokerProcess broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void brokerStartsServesCloudEventsToTailAndKeepsTopicsAcrossRestarts() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        String bootstrap = "127.0.0.1:" + port;

        startBroker(port, controllerPort);
        assertThat(broker.log()).contains("Formatting Kafka storage");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("it.events", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, UTF_8);
        try (TopicTail tail = new TopicTail(bootstrap, "it.events", false, out)) {
            CompletableFuture<Long> tailing = CompletableFuture.supplyAsync(() -> tail.run(1));
            awaitText(printed, "Tailing it.events (3 partitions)");

            send(bootstrap, "it.events");

            assertThat(tailing.get(30, TimeUnit.SECONDS)).isEqualTo(1L);
        }
        String text = printed.toString(UTF_8);
        assertThat(text).contains("key             " + CASE_ID)
                .contains("ce_type         returnflow.detention.EligibilityAssessed.v1")
                .contains("ce_subject      " + CASE_ID)
                .contains("content-type    application/json")
                .contains("\"eligible\" : false");

        assertThat(broker.stop()).as("broker stops on SIGTERM").isTrue();

        startBroker(port, controllerPort);
        assertThat(broker.log()).doesNotContain("Formatting Kafka storage");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("it.events");
            admin.createTopics(List.of(new NewTopic("consent.commands", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        // ./returnflow send: a contract message goes to its topic as a binary CloudEvent keyed by caseId.
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        int exit = SendMessage.run(new String[]{"RequestConsent", "{\"caseId\":\"" + CASE_ID
                        + "\",\"detaineeId\":\"" + CASE_ID + "\",\"preferredLanguage\":\"fa\","
                        + "\"detainedSince\":\"2026-05-02\",\"dueBy\":\"2026-12-20T00:00:00Z\"}", "--id", "cli-1"},
                InputStream.nullInputStream(), new PrintStream(sent, true, UTF_8), System.err, bootstrap);
        assertThat(exit).isZero();
        assertThat(sent.toString(UTF_8)).contains("sent RequestConsent id=cli-1 key=" + CASE_ID + " to consent.commands-");
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        try (TopicTail tail = new TopicTail(bootstrap, "consent.commands", true,
                new PrintStream(commands, true, UTF_8))) {
            assertThat(CompletableFuture.supplyAsync(() -> tail.run(1)).get(30, TimeUnit.SECONDS)).isEqualTo(1L);
        }
        assertThat(commands.toString(UTF_8)).contains("ce_type         returnflow.consent.RequestConsent.v1")
                .contains("ce_id           cli-1").contains("\"preferredLanguage\" : \"fa\"");
    }

    @Test
    void deadLettersAreListedAndReplayedWithTheirOriginalIdByTheDltTool() throws Exception {
        String bootstrap = "127.0.0.1:" + freePort();
        startBroker(Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1)), freePort());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("consent.commands", 3, (short) 1),
                    new NewTopic("consent.commands.DLT", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        // What the platform's consumer leaves on the dead-letter topic: the original CloudEvent and the failure.
        String id = "9d5e1f3a-0000-4000-8000-00000000dead";
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            var dead = new ProducerRecord<>("consent.commands.DLT", 1, CASE_ID, "{\"caseId\":\"" + CASE_ID + "\"}");
            Map.of("ce_id", id, "ce_type", "returnflow.consent.RequestConsent.v1", "ce_source", "/returnflow/workflow",
                            "ce_subject", CASE_ID, "ce_specversion", "1.0", "content-type", "application/json",
                            "kafka_dlt-original-topic", "consent.commands",
                            "kafka_dlt-exception-cause-fqcn", "org.returnflow.platform.messaging.MessageRejectedException",
                            "kafka_dlt-exception-message", "RULE_CONSENT_CLOSED",
                            "returnflow_dlt-failure-kind", "PERMANENT")
                    .forEach((k, v) -> dead.headers().add(new RecordHeader(k, v.getBytes(UTF_8))));
            producer.send(dead).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("consent.commands.DLT", 1, CASE_ID, "not a CloudEvent")).get(30, TimeUnit.SECONDS);
        }

        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertThat(DeadLetterTool.run(new String[]{"list", "--bootstrap-server", bootstrap},
                new PrintStream(listed, true, UTF_8), System.err, Map.of())).isZero();
        assertThat(listed.toString(UTF_8)).contains("consent.commands.DLT: 2 dead letters, 0 replayed")
                .contains("returnflow.consent.RequestConsent.v1").contains("subject " + CASE_ID).contains("id " + id)
                .contains("PERMANENT org.returnflow.platform.messaging.MessageRejectedException: RULE_CONSENT_CLOSED")
                .contains("(not a CloudEvent)");

        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        assertThat(DeadLetterTool.run(new String[]{"replay", "consent.commands", "--id", "nope", "--bootstrap-server",
                bootstrap}, System.out, new PrintStream(unknown, true, UTF_8), Map.of())).isEqualTo(1);
        assertThat(unknown.toString(UTF_8)).contains("no dead letter with CloudEvents id nope; nothing was replayed");

        ByteArrayOutputStream replayed = new ByteArrayOutputStream();
        assertThat(DeadLetterTool.run(new String[]{"replay", "consent.commands.DLT", "--all", "--bootstrap-server", bootstrap},
                new PrintStream(replayed, true, UTF_8), System.err, Map.of())).isZero();
        assertThat(replayed.toString(UTF_8)).contains("replayed " + id)
                .contains("skipped 1@1: not a CloudEvent").contains("1 replayed, 1 skipped");

        ByteArrayOutputStream onTopic = new ByteArrayOutputStream();
        try (TopicTail tail = new TopicTail(bootstrap, "consent.commands", true, new PrintStream(onTopic, true, UTF_8))) {
            assertThat(CompletableFuture.supplyAsync(() -> tail.run(1)).get(30, TimeUnit.SECONDS)).isEqualTo(1L);
        }
        assertThat(onTopic.toString(UTF_8)).contains("ce_id           " + id).contains("key             " + CASE_ID)
                .doesNotContain("kafka_dlt").doesNotContain("returnflow_dlt");

        ByteArrayOutputStream after = new ByteArrayOutputStream();
        DeadLetterTool.run(new String[]{"list", "consent.commands", "--bootstrap-server", bootstrap},
                new PrintStream(after, true, UTF_8), System.err, Map.of());
        assertThat(after.toString(UTF_8)).contains("2 dead letters, 1 replayed").contains("replayed ").contains(" by cli:");
    }

    private void startBroker(int port, int controllerPort) throws IOException, InterruptedException {
        broker = BrokerProcess.start(dataDir, port, controllerPort, Map.of());
        assertThat(Files.exists(dataDir.resolve("data").resolve("meta.properties"))).isTrue();
    }

    private static void send(String bootstrap, String topic) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            var record = new ProducerRecord<>(topic, CASE_ID,
                    "{\"caseId\":\"" + CASE_ID + "\",\"eligible\":false,\"blockers\":[\"ACTIVE_LEGAL_HOLD\"]}");
            Map.of("ce_id", "9d5e1f3a-0000-4000-8000-000000000001",
                    "ce_type", "returnflow.detention.EligibilityAssessed.v1",
                    "ce_source", "/detention-service",
                    "ce_subject", CASE_ID,
                    "ce_specversion", "1.0",
                    "content-type", "application/json")
                    .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(UTF_8))));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitText(ByteArrayOutputStream printed, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!printed.toString(UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("waiting for '%s' in: %s", text, printed).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        return BrokerProcess.freePort();
    }
}
