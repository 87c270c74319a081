package org.returnflow.infra.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.ContractSchemas;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.MessageDescriptor;
import org.returnflow.contracts.Messages;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./returnflow send NAME JSON|-}: sends contract messages to their topic exactly as a
 * Returnflow service would (CloudEvents binary mode, keyed by caseId), for trying a service by
 * hand. NAME is a message name such as {@code RequestConsent} or a full CloudEvents type; with
 * {@code -} it reads one JSON document per line from standard input. Each message is checked
 * against its contract schema and record before anything is sent, so nothing invalid leaves.
 *
 * <p>Options: {@code --id ID} sends with that CloudEvents id (sending twice with one id is a
 * redelivery); {@code --source URI} (default: the first writer of the message's topic, for example
 * {@code /returnflow/workflow} for a command, since consumers refuse a message from any other source).
 */
public final class SendMessage {

    private SendMessage() {
    }

    public static void main(String[] args) throws Exception {
        TopicTail.quietLogging();
        Map<String, Object> credentials;
        try {
            credentials = BrokerSecurity.toolCredentials(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(args, System.in, System.out, System.err,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"), credentials));
    }

    static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err, String bootstrap)
            throws Exception {
        return run(args, in, out, err, bootstrap, Map.of());
    }

    /** Sends as {@code credentials} (SASL client settings; empty for none). */
    static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err, String bootstrap,
                   Map<String, Object> credentials) throws Exception {
        String id = null;
        String source = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--id" -> id = args[++i];
                case "--source" -> source = args[++i];
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            err.println("usage: send NAME JSON|- [--id ID] [--source URI]   e.g. send RequestConsent '{\"caseId\":…}'");
            return 2;
        }
        MessageDescriptor descriptor = describe(positional.get(0));
        if (descriptor == null) {
            err.println("no message called " + positional.get(0) + "; names: "
                    + MessageCatalog.all().stream().map(MessageDescriptor::name).toList());
            return 2;
        }
        List<String> documents = new ArrayList<>();
        if ("-".equals(positional.get(1))) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    documents.add(line);
                }
            }
        } else {
            documents.add(positional.get(1));
        }
        List<Message> messages = new ArrayList<>();
        for (int n = 0; n < documents.size(); n++) {
            byte[] json = documents.get(n).getBytes(StandardCharsets.UTF_8);
            List<String> errors = ContractSchemas.errors(descriptor.type(), json);
            if (!errors.isEmpty()) {
                err.println("message " + (n + 1) + " does not match " + descriptor.schemaResource() + ": " + errors);
                return 1;
            }
            messages.add(ContractJson.fromBytes(json, descriptor.javaType()));
        }
        Map<String, Object> config = new java.util.HashMap<>(credentials);
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (Message message : messages) {
                String eventId = id != null && messages.size() == 1 ? id : UUID.randomUUID().toString();
                String key = Messages.partitionKey(message);
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(descriptor.topic(), key, ContractJson.toBytes(message));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", eventId);
                header(record, "ce_source", source != null ? source
                        : org.returnflow.contracts.TopicAccess.sources(descriptor.topic()).get(0));
                header(record, "ce_type", descriptor.type());
                header(record, "ce_subject", key);
                header(record, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
                header(record, "content-type", "application/json");
                var sent = producer.send(record).get();
                out.println("sent " + descriptor.name() + " id=" + eventId + " key=" + key + " to "
                        + sent.topic() + "-" + sent.partition() + "@" + sent.offset());
            }
        }
        return 0;
    }

    private static MessageDescriptor describe(String name) {
        return MessageCatalog.findByType(name).orElseGet(() -> MessageCatalog.all().stream()
                .filter(d -> d.name().equals(name)).findFirst().orElse(null));
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
