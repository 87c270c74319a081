package org.returnflow.platform.config;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.CloudEventDispatcher;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.platform.messaging.MessagingProperties;
import org.returnflow.platform.messaging.OutboxRelay;
import org.returnflow.platform.messaging.PlatformSchema;
import org.returnflow.platform.messaging.PoisonMessageException;
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

import javax.sql.DataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wires CloudEvents on Kafka for a service: the transactional outbox and its relay on the
 * producing side; the idempotent dispatcher, bounded retries and dead letters on the consuming
 * side; and every Returnflow topic, declared with explicit partitions.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class,
        TransactionAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

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

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                            KafkaTemplate<String, CloudEvent> cloudEventKafkaTemplate,
                            MessagingProperties properties, Environment environment, PlatformSchema schema) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), cloudEventKafkaTemplate, properties.getRelay(),
                source(properties, environment));
    }

    @Bean
    EventOutbox eventOutbox(JdbcTemplate jdbc, OutboxRelay outboxRelay) {
        return new EventOutbox(jdbc, outboxRelay);
    }

    @Bean
    CloudEventDispatcher cloudEventDispatcher(ObjectProvider<MessageHandler<? extends Message>> handlers,
                                              JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                              Environment environment, PlatformSchema schema) {
        return new CloudEventDispatcher(handlers.orderedStream().toList(), jdbc,
                new TransactionTemplate(transactionManager),
                consumerGroup(environment));
    }

    @Bean
    DefaultErrorHandler returnflowErrorHandler(KafkaTemplate<String, byte[]> deadLetterKafkaTemplate,
                                               MessagingProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterKafkaTemplate,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        MessagingProperties.Retry retry = properties.getRetry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.getMaxRetries());
        backOff.setInitialInterval(retry.getInitialInterval().toMillis());
        backOff.setMultiplier(retry.getMultiplier());
        backOff.setMaxInterval(retry.getMaxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(PoisonMessageException.class);
        return handler;
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

    /** Every Returnflow topic and its dead-letter topic; creating an existing topic is a no-op. */
    @Bean
    KafkaAdmin.NewTopics returnflowTopics(MessagingProperties properties) {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            topics.add(TopicBuilder.name(topic).partitions(properties.getPartitions()).replicas(properties.getReplicas()).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(properties.getPartitions()).replicas(properties.getReplicas()).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    private static URI source(MessagingProperties properties, Environment environment) {
        String source = properties.getSource();
        return URI.create(source != null ? source : "/returnflow/" + consumerGroup(environment));
    }

    private static String consumerGroup(Environment environment) {
        return environment.getProperty("spring.application.name", "returnflow");
    }
}
