package org.returnflow.notification;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.notification.domain.NoticeTemplates;
import org.returnflow.notification.messaging.NotificationSender;
import org.returnflow.notification.messaging.SmtpGateway;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sender's claim, send and mark protocol on real PostgreSQL, Kafka and GreenMail. Every call
 * the sender makes to the mail server is observed as it happens: from the sender's own thread (is a
 * transaction open?) and from a separate connection (is the claim committed, does anyone sit idle in
 * a transaction or hold a lock on the notices?). A notice left SENDING by a sender that died is sent
 * once more, with its original Message-ID, after the claim grace, and not before.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.notification.sender.interval-ms=100",
        "returnflow.notification.sender.threads=1",
        "resilience4j.retry.configs.default.max-attempts=20",
        "resilience4j.retry.configs.default.wait-duration=200ms",
        "resilience4j.retry.configs.default.exponential-max-wait-duration=500ms",
        "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=100",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000"})
@Import(SendOnceIT.ObservedMailServer.class)
class SendOnceIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final SmtpSink smtp = SmtpSink.onFreePort().start();
    static final List<Observation> observations = new CopyOnWriteArrayList<>();
    static volatile JdbcTemplate observer;
    static CloudEventSender commands;
    static TopicProbe events;

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NotificationSender sender;
    @Autowired
    SmtpGateway gateway;
    @Autowired
    NoticeTemplates templates;
    @Autowired
    MeterRegistry meters;

    /** What was true at the moment the sender called the mail server. */
    record Observation(String messageId, boolean transactionOpen, String statusSeenFromOutside,
                       long sessionsIdleInTransaction, long locksOnNotices) {
    }

    /** Wraps the mail sender so that each call to it is observed before it reaches GreenMail. */
    @TestConfiguration
    static class ObservedMailServer {
        @Bean
        static BeanPostProcessor observeMailServer() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof JavaMailSender real)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(JavaMailSender.class.getClassLoader(),
                            new Class<?>[]{JavaMailSender.class}, (proxy, method, args) -> {
                                if (method.getName().equals("send") && args.length == 1
                                        && args[0] instanceof MimeMessagePreparator preparator) {
                                    observe(real, preparator);
                                }
                                try {
                                    return method.invoke(real, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }

    static void observe(JavaMailSender real, MimeMessagePreparator preparator) throws Exception {
        MimeMessage probe = real.createMimeMessage();
        preparator.prepare(probe);
        String messageId = probe.getHeader("Message-ID", null);
        UUID id = UUID.fromString(messageId.substring(1, messageId.indexOf('@')));
        JdbcTemplate outside = observer;
        String status = outside.queryForList("select status from notification where id = ?", String.class, id)
                .stream().findFirst().orElse("(not visible)");
        Long idle = outside.queryForObject("select count(*) from pg_stat_activity where datname = current_database() "
                + "and state like 'idle in transaction%'", Long.class);
        Long locks = outside.queryForObject("select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
                + "where c.relname = 'notification' and l.pid <> pg_backend_pid()", Long.class);
        observations.add(new Observation(messageId, TransactionSynchronizationManager.isActualTransactionActive(),
                status, idle == null ? -1 : idle, locks == null ? -1 : locks));
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", smtp::port);
    }

    @BeforeAll
    static void open() {
        commands = CloudEventSender.toTestBroker();
        events = TopicProbe.on(Topics.NOTIFICATION_EVENTS);
    }

    @AfterAll
    static void close() {
        commands.close();
        events.close();
        smtp.stop();
    }

    @BeforeEach
    void observeFromASeparateConnection() {
        HikariDataSource pool = (HikariDataSource) dataSource;
        observer = new JdbcTemplate(new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()));
        smtp.start();
    }

    @Test
    void theClaimIsCommittedBeforeTheMailServerIsContactedAndRetriesHoldNoTransactionOrLock() {
        UUID caseId = UUID.randomUUID();
        String person = "person-" + caseId + "@example.org";
        smtp.stop();

        commands.send(NotificationDeliveryIT.caseBooked(caseId, RecipientType.DETAINEE, person, "fa"));
        // The mail server is down: the sender retries, and each attempt is observed.
        await().atMost(WAIT).until(() -> attemptsFor(caseId) >= 3);
        smtp.start();
        ReceivedEvent delivered = events.awaitOne(NotificationDeliveryIT.DELIVERED, caseId.toString(), WAIT);

        String messageId = "<" + notificationId(caseId) + "@returnflow.local>";
        List<Observation> seen = observations.stream().filter(o -> o.messageId().equals(messageId)).toList();
        assertThat(seen).hasSizeGreaterThanOrEqualTo(4).allSatisfy(o -> {
            assertThat(o.transactionOpen()).as("a transaction open in the sender's thread").isFalse();
            assertThat(o.statusSeenFromOutside()).as("the claim, seen from another connection").isEqualTo("SENDING");
            assertThat(o.sessionsIdleInTransaction()).as("sessions idle in a transaction").isZero();
            assertThat(o.locksOnNotices()).as("locks on the notification table").isZero();
        });
        assertThat(smtp.messagesTo(person)).hasSize(1);
        assertThat(delivered.schemaErrors()).isEmpty();
        assertThat(jdbc.queryForMap("select status, attempts, resends from notification where case_id = ?", caseId))
                .containsEntry("status", "DELIVERED").containsEntry("resends", 0)
                .hasEntrySatisfying("attempts", a -> assertThat((Integer) a).isEqualTo(seen.size()));
    }

    @Test
    void aNoticeLeftSendingPastTheGraceIsSentOnceMoreWithItsMessageIdAndAYoungClaimIsLeftAlone() throws Exception {
        double resendsBefore = meters.get("returnflow.notification.resends").counter().count();
        // A sender claimed this notice eleven minutes ago, the mail server accepted it, and the sender
        // died before it marked it: one copy is in the mailbox, the row says SENDING.
        UUID abandonedCase = UUID.randomUUID();
        String person = "abandoned-" + abandonedCase + "@example.org";
        UUID abandoned = insertSending(abandonedCase, person, Duration.ofMinutes(11));
        gateway.send(abandoned, person, templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "en",
                abandonedCase, Map.of()), new AtomicInteger());
        // Another sender claimed this one a minute ago and may still be talking to the mail server.
        UUID youngCase = UUID.randomUUID();
        String counsel = "young-" + youngCase + "@example.org";
        UUID young = insertSending(youngCase, counsel, Duration.ofMinutes(1));

        sender.nudge();
        ReceivedEvent delivered = events.awaitOne(NotificationDeliveryIT.DELIVERED, abandonedCase.toString(), WAIT);

        String messageId = "<" + abandoned + "@returnflow.local>";
        assertThat(smtp.messagesTo(person)).hasSize(2).allSatisfy(m -> assertThat(m.getMessageID()).isEqualTo(messageId));
        assertThat(delivered.schemaErrors()).isEmpty();
        assertThat(jdbc.queryForMap("select status, resends from notification where id = ?", abandoned))
                .containsEntry("status", "DELIVERED").containsEntry("resends", 1);
        assertThat(meters.get("returnflow.notification.resends").counter().count()).isEqualTo(resendsBefore + 1);

        // The sender goes on to newer work; the abandoned notice is not sent a third time, the young claim not at all.
        UUID laterCase = UUID.randomUUID();
        commands.send(NotificationDeliveryIT.caseBooked(laterCase, RecipientType.DETAINEE,
                "later-" + laterCase + "@example.org", "en"));
        events.awaitOne(NotificationDeliveryIT.DELIVERED, laterCase.toString(), WAIT);
        assertThat(smtp.messagesTo(person)).hasSize(2);
        assertThat(smtp.messagesTo(counsel)).isEmpty();
        assertThat(jdbc.queryForObject("select status from notification where id = ?", String.class, young))
                .isEqualTo("SENDING");
        assertThat(events.poll()).filteredOn(e -> abandonedCase.toString().equals(e.subject()))
                .as("one NotificationDelivered for the abandoned notice").hasSize(1);
        assertThat(meters.get("returnflow.notification.notices").tag("status", "SENDING").gauge().value())
                .isGreaterThanOrEqualTo(1.0);
    }

    private long attemptsFor(UUID caseId) {
        List<UUID> ids = jdbc.queryForList("select id from notification where case_id = ?", UUID.class, caseId);
        return ids.isEmpty() ? 0 : observations.stream()
                .filter(o -> o.messageId().equals("<" + ids.get(0) + "@returnflow.local>")).count();
    }

    private UUID notificationId(UUID caseId) {
        return jdbc.queryForObject("select id from notification where case_id = ?", UUID.class, caseId);
    }

    private UUID insertSending(UUID caseId, String address, Duration claimedAgo) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into notification (id, case_id, detainee_id, recipient_type, template_key, requested_locale, "
                        + "locale, fallback_locale, translation_status, english_attached, address, data, status, attempts, "
                        + "created_at, claim_token, claimed_at) "
                        + "values (?, ?, ?, 'DETAINEE', 'CASE_BOOKED', 'en', 'en', false, 'REVIEWED', false, ?, '{}'::jsonb, "
                        + "'SENDING', 1, "
                        + "now() - ? * interval '1 second', ?, now() - ? * interval '1 second')",
                id, caseId, UUID.randomUUID(), address, claimedAgo.toSeconds() + 1, UUID.randomUUID(), claimedAgo.toSeconds());
        return id;
    }
}
