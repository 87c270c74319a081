package org.returnflow.platform.messaging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.platform.RecordingHandler;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnflow.platform.messaging.OutboxRelayIT.command;

/**
 * One case, one trace, on real PostgreSQL and a real broker with real OpenTelemetry spans: a message
 * continues the trace it was written in through the outbox and Kafka to its handler; work without a
 * span, or in another trace, continues the case's trace; logs are JSON lines that carry the trace id
 * and the case id.
 */
@RealInfrastructure
@AutoConfigureObservability(metrics = false)
@Import(MessageTracingIT.ExportToTest.class)
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "management.tracing.sampling.probability=1.0",
        "management.tracing.opentelemetry.export.schedule-delay=50ms"})
class MessageTracingIT {

    private static final String TYPE = "returnflow.detention.AssessEligibility.v1";
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> CASE_ID = AttributeKey.stringKey(MessageTracing.CASE_ID);

    @Autowired
    EventOutbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Tracer tracer;
    @Autowired
    Propagator propagator;
    @Autowired
    RecordingHandler handler;
    @Autowired
    FinishedSpans spans;
    @Autowired
    Environment environment;
    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void aMessageContinuesTheTraceItWasWrittenInThroughTheOutboxAndKafkaToItsHandler() {
        UUID caseId = UUID.randomUUID();
        Span request = tracer.nextSpan().name("POST /api/removal-cases").start();
        UUID eventId;
        try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
            eventId = tx.execute(s -> outbox.publish(command(caseId, "IRN")));
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();

        assertThat(rowTrace(eventId)).isEqualTo(traceId);
        try (TopicProbe probe = TopicProbe.on(Topics.DETENTION_COMMANDS)) {
            ReceivedEvent received = probe.awaitOne(TYPE, caseId.toString(), Duration.ofSeconds(30));
            TraceParent carried = MessageTracing.carriedBy(received.event());
            assertThat(carried).as("the CloudEvents traceparent extension").isNotNull();
            assertThat(carried.traceId()).isEqualTo(traceId);
            assertThat(carried.traceparent()).doesNotContain(request.context().spanId());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.traceIdSeen(eventId.toString()) != null);
        assertThat(handler.traceIdSeen(eventId.toString())).as("the trace id in the handler's logs").isEqualTo(traceId);

        SpanData consumer = spans.awaitSpan(SpanKind.CONSUMER, eventId);
        SpanData producer = spans.awaitSpan(SpanKind.PRODUCER, eventId);
        assertThat(producer.getName()).isEqualTo("publish AssessEligibility");
        assertThat(producer.getTraceId()).isEqualTo(traceId);
        assertThat(producer.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(consumer.getName()).isEqualTo("process AssessEligibility");
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(consumer.getAttributes().get(CASE_ID)).isEqualTo(caseId.toString());
    }

    @Test
    void workWithoutASpanContinuesItsCasesTrace() throws Exception {
        UUID caseId = UUID.randomUUID();
        String caseTrace = openCase(caseId);

        // A background thread (an engine job, a sender) has no span of its own.
        UUID eventId = CompletableFuture.supplyAsync(() -> {
            assertThat(tracer.currentSpan()).isNull();
            return tx.execute(s -> outbox.publish(command(caseId, "PAN")));
        }).get();

        assertThat(rowTrace(eventId)).isEqualTo(caseTrace);
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.traceIdSeen(eventId.toString()) != null);
        assertThat(handler.traceIdSeen(eventId.toString())).isEqualTo(caseTrace);
    }

    @Test
    void workInAnotherTraceAboutAKnownCaseContinuesTheCasesTraceAndSaysSoInItsOwn() {
        UUID caseId = UUID.randomUUID();
        String caseTrace = openCase(caseId);

        Span officer = tracer.nextSpan().name("POST /api/consents/{id}/decision").start();
        UUID eventId;
        try (Tracer.SpanInScope ignored = tracer.withSpan(officer)) {
            eventId = tx.execute(s -> outbox.publish(command(caseId, "PAN")));
        } finally {
            officer.end();
        }

        assertThat(officer.context().traceId()).isNotEqualTo(caseTrace);
        assertThat(rowTrace(eventId)).isEqualTo(caseTrace);
        SpanData officerSpan = spans.awaitNamed("POST /api/consents/{id}/decision", officer.context().spanId());
        assertThat(officerSpan.getEvents()).anySatisfy(e ->
                assertThat(e.getName()).isEqualTo("case " + caseId + " continues in trace " + caseTrace));
    }

    @Test
    void theFirstMessageOfACaseWrittenWithoutASpanStartsTheCasesTrace() {
        UUID caseId = UUID.randomUUID();

        UUID first = tx.execute(s -> outbox.publish(command(caseId, "IRN")));
        UUID second = tx.execute(s -> outbox.publish(command(caseId, "PAN")));

        String caseTrace = rowTrace(first);
        assertThat(caseTrace).matches("[0-9a-f]{32}");
        assertThat(rowTrace(second)).isEqualTo(caseTrace);
        SpanData opened = spans.awaitMatching(s -> s.getName().equals("case AssessEligibility")
                && caseId.toString().equals(s.getAttributes().get(CASE_ID)));
        assertThat(opened.getTraceId()).isEqualTo(caseTrace);
        assertThat(opened.getParentSpanId()).isEqualTo("0000000000000000");
    }

    @Test
    void aMessageThatCameWithAnotherTraceIsHandledInItsCasesTraceAndNamesTheOneItCameWith() throws Exception {
        UUID caseId = UUID.randomUUID();
        String caseTrace = openCase(caseId);
        Span elsewhere = tracer.nextSpan().name("somewhere else").start();
        elsewhere.end();
        Map<String, String> foreign = new HashMap<>();
        propagator.inject(elsewhere.context(), foreign, Map::put);
        String id = UUID.randomUUID().toString();

        sendWithTrace(command(caseId, "PAN"), id, foreign.get(TraceParent.TRACEPARENT));

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.traceIdSeen(id) != null);
        assertThat(handler.traceIdSeen(id)).isEqualTo(caseTrace);
        SpanData consumer = spans.awaitSpan(SpanKind.CONSUMER, UUID.fromString(id));
        assertThat(consumer.getTraceId()).isEqualTo(caseTrace);
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey(MessageTracing.CAUSE_TRACE_ID)))
                .isEqualTo(elsewhere.context().traceId());
    }

    @Test
    void metricsCarryNoExemplarsSoPrometheusTakesTheScrape() {
        // With a tracer, Spring Boot would hand the Prometheus registry a span context for exemplars;
        // Prometheus 2.42 refuses a scrape with exemplars on summary counts (returnflow-defaults.properties).
        assertThat(context.getBeanNamesForType(io.prometheus.metrics.tracer.common.SpanContext.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Tracer.class)).isNotEmpty();
    }

    @Test
    void logsAreJsonLinesThatCarryTheTraceIdAndTheCaseId() throws Exception {
        // The tests log plain text (the test kit's logback-test.xml); a service logs through Spring Boot's
        // structured encoder in the format the platform's defaults set. This test encodes the same way.
        String format = environment.getProperty("logging.structured.format.console");
        assertThat(format).isEqualTo("ecs");
        StructuredLines output = new StructuredLines(format);
        Logger dispatcherLog = (Logger) org.slf4j.LoggerFactory.getLogger(CloudEventDispatcher.class);
        dispatcherLog.addAppender(output);
        try {
            assertDuplicateLogged(output);
        } finally {
            dispatcherLog.detachAppender(output);
            output.stop();
        }
    }

    private void assertDuplicateLogged(StructuredLines output) throws Exception {
        UUID caseId = UUID.randomUUID();
        String caseTrace = openCase(caseId);
        String id = UUID.randomUUID().toString();
        AssessEligibility redelivered = command(caseId, "PAN");
        try (CloudEventSender sender = CloudEventSender.toTestBroker()) {
            sender.send(redelivered, id);
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.calls(id) == 1);
            sender.send(redelivered, id); // the dispatcher logs the duplicate it skips
        }

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicateLine(output, json, id).isPresent());
        JsonNode line = duplicateLine(output, json, id).orElseThrow();
        assertThat(line.path("traceId").asText()).isEqualTo(caseTrace);
        assertThat(line.path("spanId").asText()).matches("[0-9a-f]{16}");
        assertThat(line.path("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(line.path("messageId").asText()).isEqualTo(id);
        assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("service").path("name").asText()).isEqualTo("platform-test");
    }

    /** Opens a case in a request span; returns its trace id once the handler took its first message. */
    private String openCase(UUID caseId) {
        Span request = tracer.nextSpan().name("open case").start();
        UUID eventId;
        try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
            eventId = tx.execute(s -> outbox.publish(command(caseId, "IRN")));
        } finally {
            request.end();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.traceIdSeen(eventId.toString()) != null);
        return request.context().traceId();
    }

    private String rowTrace(UUID eventId) {
        String traceparent = jdbc.queryForObject("select traceparent from outbox_message where event_id = ?",
                String.class, eventId);
        return traceparent == null ? null : new TraceParent(traceparent, null).traceId();
    }

    private static Optional<JsonNode> duplicateLine(StructuredLines output, ObjectMapper json, String id) {
        return output.lines.stream().filter(l -> l.startsWith("{") && l.contains("Duplicate") && l.contains(id))
                .map(l -> {
                    try {
                        return json.readTree(l);
                    } catch (Exception e) {
                        throw new AssertionError("not a JSON line: " + l, e);
                    }
                }).findFirst();
    }

    private static void sendWithTrace(AssessEligibility command, String id, String traceparent) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                new CloudEventSerializer())) {
            CloudEvent event = CloudEventBuilder.v1().withId(id).withSource(URI.create("/returnflow/workflow"))
                    .withType(TYPE).withSubject(command.caseId().toString())
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withDataContentType("application/json")
                    .withData(ContractJson.toBytes(command)).withExtension(TraceParent.TRACEPARENT, traceparent).build();
            producer.send(new ProducerRecord<>(Topics.DETENTION_COMMANDS, command.caseId().toString(), event)).get();
        }
    }

    /** Every span the application finished, as OpenTelemetry exports it. */
    static class FinishedSpans implements SpanExporter {

        private final List<SpanData> finished = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            finished.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        SpanData awaitSpan(SpanKind kind, UUID messageId) {
            return awaitMatching(s -> s.getKind() == kind && messageId.toString().equals(s.getAttributes().get(MESSAGE_ID)));
        }

        SpanData awaitNamed(String name, String spanId) {
            return awaitMatching(s -> s.getName().equals(name) && (spanId == null || s.getSpanId().equals(spanId)));
        }

        SpanData awaitMatching(java.util.function.Predicate<SpanData> match) {
            await().atMost(Duration.ofSeconds(30)).until(() -> finished.stream().anyMatch(match));
            return finished.stream().filter(match).findFirst().orElseThrow();
        }
    }

    /** Log events encoded as a service's console writes them: Spring Boot's structured log encoder. */
    static final class StructuredLines extends AppenderBase<ILoggingEvent> {

        final List<String> lines = new CopyOnWriteArrayList<>();
        private final StructuredLogEncoder encoder = new StructuredLogEncoder();

        StructuredLines(String format) {
            LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
            setContext(context);
            encoder.setContext(context);
            encoder.setFormat(format);
            encoder.start();
            start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8).trim());
        }
    }

    @TestConfiguration
    static class ExportToTest {
        @Bean
        FinishedSpans finishedSpans() {
            return new FinishedSpans();
        }
    }
}
