package org.returnflow.platform.config;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.CaseTraces;
import org.returnflow.platform.messaging.CloudEventDispatcher;
import org.returnflow.platform.messaging.DeadLetterHeaders;
import org.returnflow.platform.messaging.DeadLetters;
import org.returnflow.platform.messaging.FailureKind;
import org.returnflow.platform.messaging.MessageRejectedException;
import org.returnflow.platform.messaging.MessagingHousekeeping;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.platform.messaging.MessageTracing;
import org.returnflow.platform.messaging.MessagingProperties;
import org.returnflow.platform.messaging.OutboxRelay;
import org.returnflow.platform.messaging.PlatformSchema;
import org.returnflow.platform.messaging.PoisonMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires CloudEvents on Kafka for a service: the transactional outbox and its relay on the
 * producing side; the idempotent dispatcher, retries by kind of failure and dead letters on the
 * consuming side; and every Returnflow topic, declared with explicit partitions and retention.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class,
        TransactionAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({MessagingProperties.class, ObservabilityProperties.class})
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    PlatformSchema platformSchema(DataSource dataSource) {
        return new PlatformSchema(dataSource);
    }

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, PlatformSchema schema) {
        return new AuditLog(jdbc);
    }

    @Bean
    KafkaTemplate<String, CloudEvent> cloudEventKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> props = idempotentProducer(kafka, CloudEventSerializer.class);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props));
    }

    @Bean
    KafkaTemplate<String, byte[]> deadLetterKafkaTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(idempotentProducer(kafka, ByteArraySerializer.class)));
    }

    /** Boot's producer settings, made non-transactional, idempotent and fully acknowledged. */
    private static Map<String, Object> idempotentProducer(KafkaProperties kafka, Class<?> valueSerializer) {
        Map<String, Object> props = kafka.buildProducerProperties(null);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return props;
    }

    /**
     * The trace context of messages (outbox, relay, consumer), on Micrometer Tracing's tracer and
     * propagator; without them (tracing switched off, as in tests by default) every span is a no-op.
     */
    @Bean
    MessageTracing messageTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
                                  JdbcTemplate jdbc, ObservabilityProperties observability, PlatformSchema schema) {
        Tracer t = tracer.getIfAvailable(() -> Tracer.NOOP);
        Propagator p = propagator.getIfAvailable(() -> Propagator.NOOP);
        return new MessageTracing(t, p, observability.isCaseTraces()
                ? new CaseTraces(jdbc, observability.getCaseTraceRetention()) : null);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                            KafkaTemplate<String, CloudEvent> cloudEventKafkaTemplate,
                            MessagingProperties properties, Environment environment, PlatformSchema schema,
                            ObjectProvider<MeterRegistry> meterRegistry, MessageTracing messageTracing) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), cloudEventKafkaTemplate, properties.getRelay(),
                source(properties, environment), meterRegistry.getIfAvailable(SimpleMeterRegistry::new), messageTracing);
    }

    /** Lists and replays dead letters (the workflow's operations API; {@code ./returnflow dlt} uses the same class). */
    @Bean
    DeadLetters deadLetters(KafkaProperties kafka) {
        Map<String, Object> client = new HashMap<>();
        kafka.buildAdminProperties(null).forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                client.put(key, value);
            }
        });
        return new DeadLetters(client);
    }

    @Bean
    MessagingHousekeeping messagingHousekeeping(JdbcTemplate jdbc, OutboxRelay outboxRelay, MessagingProperties properties,
                                                MessageTracing messageTracing) {
        return new MessagingHousekeeping(jdbc, outboxRelay, properties, messageTracing);
    }

    @Bean
    EventOutbox eventOutbox(JdbcTemplate jdbc, OutboxRelay outboxRelay, MessageTracing messageTracing) {
        return new EventOutbox(jdbc, outboxRelay, messageTracing);
    }

    @Bean
    CloudEventDispatcher cloudEventDispatcher(ObjectProvider<MessageHandler<? extends Message>> handlers,
                                              JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                              Environment environment, PlatformSchema schema,
                                              MessageTracing messageTracing) {
        return new CloudEventDispatcher(handlers.orderedStream().toList(), jdbc,
                new TransactionTemplate(transactionManager),
                consumerGroup(environment), messageTracing);
    }

    /**
     * What happens to a record whose handling fails, by {@link FailureKind}: a permanent failure goes
     * to {@code <topic>.DLT} at once; a transient one is retried with capped exponential backoff until
     * it passes and is never dead-lettered; any other one is retried {@code max-retries} times, then
     * dead-lettered. The dead letter keeps the record's key, value and headers (its CloudEvents
     * attributes) and adds the failure: exception class and message, source topic, partition and
     * offset, the consumer group, when and why it was given up ({@link DeadLetterHeaders}).
     *
     * <p>The backoff is chosen again whenever the kind of exception changes for the same record, so a
     * handler that fails on a lost connection and then on a bug is bounded from the bug on.
     */
    @Bean
    DefaultErrorHandler returnflowErrorHandler(KafkaTemplate<String, byte[]> deadLetterKafkaTemplate,
                                               MessagingProperties properties,
                                               ObjectProvider<MeterRegistry> meterRegistry) {
        MeterRegistry meters = meterRegistry.getIfAvailable(SimpleMeterRegistry::new);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterKafkaTemplate,
                (record, failure) -> {
                    Counter.builder("returnflow.messaging.dead.letters")
                            .description("Records this consumer sent to a dead-letter topic")
                            .tag("topic", record.topic()).tag("kind", FailureKind.of(failure).name())
                            .register(meters).increment();
                    return new TopicPartition(Topics.deadLetter(record.topic()), record.partition());
                });
        recoverer.setHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(DeadLetterHeaders.FAILED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetterHeaders.FAILURE_KIND,
                    FailureKind.of(failure).name().getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        MessagingProperties.Retry retry = properties.getRetry();
        ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(retry.getMaxRetries());
        configure(bounded, retry);
        ExponentialBackOff unlimited = new ExponentialBackOff();
        configure(unlimited, retry);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, bounded);
        handler.addNotRetryableExceptions(PoisonMessageException.class, MessageRejectedException.class);
        handler.setBackOffFunction((record, failure) ->
                FailureKind.of(failure) == FailureKind.TRANSIENT ? unlimited : bounded);
        handler.setResetStateOnExceptionChange(true);
        handler.setRetryListeners((record, failure, attempt) -> {
            FailureKind kind = FailureKind.of(failure);
            Counter.builder("returnflow.messaging.consumer.failures")
                    .description("Failed attempts to handle a consumed record, by kind of failure")
                    .tag("topic", record.topic()).tag("kind", kind.name())
                    .register(meters).increment();
            if (kind == FailureKind.TRANSIENT) {
                log.warn("{}-{}@{} failed (attempt {}), transient, retrying until it passes: {}", record.topic(),
                        record.partition(), record.offset(), attempt, FailureKind.rootCause(failure).toString());
            }
        });
        return handler;
    }

    private static void configure(ExponentialBackOff backOff, MessagingProperties.Retry retry) {
        backOff.setInitialInterval(retry.getInitialInterval().toMillis());
        backOff.setMultiplier(retry.getMultiplier());
        backOff.setMaxInterval(retry.getMaxInterval().toMillis());
    }

    @Bean
    @ConditionalOnExpression("!'${returnflow.messaging.consumes:}'.isEmpty()")
    ConcurrentMessageListenerContainer<String, byte[]> returnflowListenerContainer(
            KafkaProperties kafka, MessagingProperties properties, CloudEventDispatcher dispatcher,
            DefaultErrorHandler returnflowErrorHandler, Environment environment) {
        Map<String, Object> props = kafka.buildConsumerProperties(null);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup(environment));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ContainerProperties containerProps = new ContainerProperties(properties.getConsumes().toArray(String[]::new));
        containerProps.setMessageListener(dispatcher);
        containerProps.setAckMode(properties.getAckMode());
        ConcurrentMessageListenerContainer<String, byte[]> container =
                new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(props), containerProps);
        container.setConcurrency(properties.getConcurrency());
        container.setCommonErrorHandler(returnflowErrorHandler);
        container.setBeanName("returnflowListenerContainer");
        return container;
    }

    /**
     * Every Returnflow topic and its dead-letter topic; creating an existing topic is a no-op, and
     * {@code spring.kafka.admin.modify-topic-configs} (on in the platform defaults) brings the
     * retention of existing topics in line.
     */
    @Bean
    KafkaAdmin.NewTopics returnflowTopics(MessagingProperties properties) {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            topics.add(TopicBuilder.name(topic).partitions(properties.getPartitions()).replicas(properties.getReplicas())
                    .config(TopicConfig.RETENTION_MS_CONFIG, millis(properties.getTopicRetention())).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(properties.getPartitions())
                    .replicas(properties.getReplicas())
                    .config(TopicConfig.RETENTION_MS_CONFIG, millis(properties.getDeadLetterRetention())).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private static URI source(MessagingProperties properties, Environment environment) {
        String source = properties.getSource();
        return URI.create(source != null ? source : "/returnflow/" + consumerGroup(environment));
    }

    private static String consumerGroup(Environment environment) {
        return environment.getProperty("spring.application.name", "returnflow");
    }
}
