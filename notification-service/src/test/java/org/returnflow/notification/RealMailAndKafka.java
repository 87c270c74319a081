package org.returnflow.notification;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the notification ITs share: a real SMTP server (GreenMail) the service sends to, commands on
 * the test broker, and a probe on {@code notification.events}.
 */
abstract class RealMailAndKafka {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String DELIVERED = "returnflow.notification.NotificationDelivered.v1";
    static final String FAILED = "returnflow.notification.NotificationFailed.v1";
    static final SmtpSink smtp = SmtpSink.onFreePort().start();
    static CloudEventSender commands;
    static TopicProbe events;

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

    /** A part of the e-mail with its line breaks as written: SMTP carries them as CRLF. */
    static String text(MimeMessage mail, String mimeType) {
        return SmtpSink.part(mail, mimeType).replace("\r\n", "\n");
    }

    /** The delivery to this recipient, checked against its schema; it never names an address. */
    static NotificationDelivered delivered(UUID caseId, RecipientType recipient) {
        ReceivedEvent event = events.await(e -> e.type().equals(DELIVERED) && caseId.toString().equals(e.subject())
                && e.data(NotificationDelivered.class).recipientType() == recipient, 1, WAIT).get(0);
        assertThat(event.schemaErrors()).isEmpty();
        assertThat(event.json()).doesNotContain("example.org");
        return event.data(NotificationDelivered.class);
    }
}
