package org.returnflow.platform.messaging;

import com.zaxxer.hikari.HikariDataSource;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.DeadLetterReader;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.platform.TcpProxy;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real database outage while messages arrive: the service reaches PostgreSQL through a TCP proxy
 * that the test cuts (every pooled connection is reset mid-use, new ones are refused) and later
 * restores. Messages that arrive meanwhile fail with transient errors again and again, well past
 * the bounded retries of an unknown failure, and none is dead-lettered; once the database is back,
 * each is handled exactly once. A poison message that arrives during the outage still goes to the
 * DLT at once, and its partition carries on after it.
 *
 * <p>Three listener threads, one per partition, so that the poison's partition is not held up by
 * the sleeping retries of another.
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "returnflow.messaging.concurrency=3",
        "returnflow.messaging.retry.max-interval=500ms",
        "spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=500"})
@Import(DatabaseOutageIT.DatabaseThroughProxy.class)
class DatabaseOutageIT {

    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)");
    private static final int PARTITIONS = 3;
    private static volatile TcpProxy proxy;
    private static volatile String directUrl;

    @Autowired
    MeterRegistry meters;
    @Autowired
    MessagingProperties properties;
    @Autowired
    org.returnflow.platform.RecordingHandler handler;

    /** Sends the service's pool through the proxy; the test itself reads the database directly. */
    @TestConfiguration
    static class DatabaseThroughProxy {
        @Bean
        static BeanPostProcessor databaseThroughProxy() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
                        Matcher url = POSTGRES_URL.matcher(pool.getJdbcUrl());
                        if (!url.matches()) {
                            throw new IllegalStateException("Not a PostgreSQL URL: " + pool.getJdbcUrl());
                        }
                        try {
                            proxy = new TcpProxy(url.group(1), Integer.parseInt(url.group(2)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        directUrl = pool.getJdbcUrl();
                        pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.group(3));
                    }
                    return bean;
                }
            };
        }
    }

    @AfterAll
    static void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void messagesArrivingWhileTheDatabaseIsDownAreHandledExactlyOnceAfterwardsAndNoneIsDeadLettered() throws Exception {
        JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(directUrl,
                Infrastructure.get().postgres().username(), Infrastructure.get().postgres().password()));
        List<String> flowing = keysOn(0, 4);
        flowing.addAll(keysOn(2, 4));
        String poisonKey = keysOn(1, 1).get(0);
        List<String> goodIds = Collections.synchronizedList(new ArrayList<>());

        try (CloudEventSender sender = CloudEventSender.toTestBroker()) {
            // The service works through the proxy.
            goodIds.add(sender.send(OutboxRelayIT.command(UUID.fromString(flowing.get(0)), "IRN")).getId());
            await().atMost(Duration.ofSeconds(60)).until(() -> handled(direct, goodIds) == 1);

            // Messages keep arriving on two partitions; the database goes away while they do.
            CompletableFuture<Void> arriving = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    String key = flowing.get(i % flowing.size());
                    goodIds.add(sender.send(OutboxRelayIT.command(UUID.fromString(key), "IRN")).getId());
                    pause(100);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> handled(direct, goodIds) >= 6);
            proxy.cut();

            // During the outage a poison message arrives on the third partition, and a good one behind it.
            sender.sendRaw(Topics.DETENTION_COMMANDS, poisonKey, "<not a CloudEvent/>".getBytes(StandardCharsets.UTF_8));
            CloudEvent afterPoison = sender.send(OutboxRelayIT.command(UUID.fromString(poisonKey), "IRN"));
            goodIds.add(afterPoison.getId());

            List<ConsumerRecord<String, byte[]>> poison = DeadLetterReader.await(
                    Topics.deadLetter(Topics.DETENTION_COMMANDS), r -> poisonKey.equals(r.key()), 1);
            assertThat(poison).as("the poison is dead-lettered while the database is still down").hasSize(1);
            assertThat(DeadLetterReader.header(poison.get(0), DeadLetterHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");

            // Every partition waits on a record it cannot commit; the retries go far past the bound of an
            // unknown failure (max-retries + 1 attempts): with at most three records failing at a time,
            // this many failures means at least one record was tried more often than that.
            double enough = PARTITIONS * (properties.getRetry().getMaxRetries() + 2.0);
            await().atMost(Duration.ofSeconds(120)).until(() -> transientFailures() >= enough);
            arriving.get();

            proxy.restore();
            await().atMost(Duration.ofSeconds(120)).until(() -> handled(direct, goodIds) == goodIds.size());
        }

        List<Map<String, Object>> perMessage = direct.queryForList("select message_id, count(*) as n "
                + "from handled_command where message_id = any(?) group by message_id", (Object) goodIds.toArray(String[]::new));
        assertThat(perMessage).hasSize(goodIds.size()).allSatisfy(row -> assertThat(row.get("n")).isEqualTo(1L));
        assertThat(direct.queryForObject("select count(*) from processed_message where message_id = any(?)",
                Long.class, (Object) goodIds.toArray(String[]::new))).isEqualTo(goodIds.size());
        List<ConsumerRecord<String, byte[]>> dead = DeadLetterReader.all(Topics.deadLetter(Topics.DETENTION_COMMANDS));
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly(poisonKey);
        assertThat(dead).extracting(r -> DeadLetterReader.header(r, "ce_id")).doesNotContainAnyElementsOf(goodIds);
        assertThat(handler.calls(goodIds.get(goodIds.size() - 1))).isPositive();
    }

    private double transientFailures() {
        return meters.find("returnflow.messaging.consumer.failures").tag("kind", "TRANSIENT").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static int handled(JdbcTemplate direct, List<String> ids) {
        String[] snapshot;
        synchronized (ids) {
            snapshot = ids.toArray(String[]::new);
        }
        Integer n = direct.queryForObject("select count(distinct message_id) from handled_command where message_id = any(?)",
                Integer.class, (Object) snapshot);
        return n == null ? 0 : n;
    }

    /** Case ids whose records the default partitioner puts on this partition. */
    private static List<String> keysOn(int partition, int count) {
        List<String> keys = new ArrayList<>();
        while (keys.size() < count) {
            String key = UUID.randomUUID().toString();
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS == partition) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
