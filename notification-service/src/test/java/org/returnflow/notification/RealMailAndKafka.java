package org.returnflow.notification;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.returnflow.contracts.Topics;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.TopicProbe;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

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
}
