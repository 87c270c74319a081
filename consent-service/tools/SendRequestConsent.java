import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends one RequestConsent to consent.commands, as the workflow would: a CloudEvent in binary
 * mode, keyed by caseId. For trying the consent-service by hand; see consent-service/README.md.
 *
 * <pre>
 * java -cp "$KAFKA_CLIENTS_JAR:$SLF4J_API_JAR" consent-service/tools/SendRequestConsent.java \
 *     [--bootstrap localhost:9092] [--case UUID] [--detainee UUID] [--language fa] \
 *     [--detained-since 2026-01-10] [--due-by 2026-12-01T00:00:00Z]
 * </pre>
 */
public class SendRequestConsent {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String bootstrap = opts.getOrDefault("bootstrap",
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        String caseId = opts.getOrDefault("case", UUID.randomUUID().toString());
        String detaineeId = opts.getOrDefault("detainee", UUID.randomUUID().toString());
        String language = opts.getOrDefault("language", "fa");
        String detainedSince = opts.getOrDefault("detained-since",
                LocalDate.now(ZoneOffset.UTC).minusDays(200).toString());
        String dueBy = opts.getOrDefault("due-by", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        String eventId = UUID.randomUUID().toString();
        UUID.fromString(caseId);
        UUID.fromString(detaineeId);
        LocalDate.parse(detainedSince);
        Instant.parse(dueBy);

        String data = "{\"caseId\":\"" + caseId + "\",\"detaineeId\":\"" + detaineeId
                + "\",\"preferredLanguage\":\"" + language + "\",\"detainedSince\":\"" + detainedSince
                + "\",\"dueBy\":\"" + dueBy + "\"}";
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("consent.commands", caseId,
                data.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", eventId);
        header(record, "ce_source", "/returnflow/cli");
        header(record, "ce_type", "returnflow.consent.RequestConsent.v1");
        header(record, "ce_subject", caseId);
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");

        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
        System.out.println("Sent RequestConsent " + eventId + " to consent.commands");
        System.out.println("caseId=" + caseId);
        System.out.println("detaineeId=" + detaineeId);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
