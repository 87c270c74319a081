package org.returnflow.notification;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail server goes away: Resilience4j retries with backoff, and gives up after bounded retries. */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.notification.sender.interval-ms=100",
        "resilience4j.retry.configs.default.max-attempts=5",
        "resilience4j.retry.configs.default.wait-duration=200ms",
        "resilience4j.retry.configs.default.exponential-backoff-multiplier=2",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=100ms",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000"})
class SmtpOutageIT extends RealMailAndKafka {

    @Autowired
    TestRestTemplate http;
    @Autowired
    RetryRegistry retries;
    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    void smtpIsDown() {
        smtp.stop();
        breakers.circuitBreaker("smtp").reset();
    }

    @Test
    void whenTheMailServerComesBackARetryDeliversTheNotice() throws Exception {
        UUID caseId = UUID.randomUUID();
        String person = "person-" + caseId + "@example.org";
        CountDownLatch retried = new CountDownLatch(1);
        retries.retry("smtp").getEventPublisher().onRetry(e -> retried.countDown());

        commands.send(NotificationDeliveryIT.caseBooked(caseId, RecipientType.DETAINEE, person, "fa"));
        assertThat(retried.await(60, TimeUnit.SECONDS)).as("the first send failed and is retried").isTrue();
        smtp.start();
        ReceivedEvent delivered = events.awaitOne(DELIVERED, caseId.toString(), WAIT);

        assertThat(delivered.schemaErrors()).isEmpty();
        assertThat(smtp.messagesTo(person)).hasSize(1);
        Map<String, Object> row = onlyNotificationOf(caseId);
        assertThat(row).containsEntry("status", "DELIVERED");
        assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(delivered.data(NotificationDelivered.class).smtpMessageId())
                .isEqualTo(smtp.messagesTo(person).get(0).getMessageID());
    }

    @Test
    void whenTheMailServerStaysDownThroughEveryRetryTheNoticeFails() {
        UUID caseId = UUID.randomUUID();

        commands.send(NotificationDeliveryIT.caseBooked(caseId, RecipientType.COUNSEL,
                "counsel-" + caseId + "@example.org", "en"));
        ReceivedEvent failed = events.awaitOne(FAILED, caseId.toString(), WAIT);

        assertThat(failed.schemaErrors()).isEmpty();
        assertThat(failed.data(NotificationFailed.class).reason()).isEqualTo("SMTP_UNAVAILABLE");
        Map<String, Object> row = onlyNotificationOf(caseId);
        assertThat(row).containsEntry("status", "FAILED").containsEntry("failureReason", "SMTP_UNAVAILABLE");
        assertThat((Integer) row.get("attempts")).isBetween(1, 5);
        assertThat(events.poll()).noneMatch(e -> e.type().equals(DELIVERED)
                && caseId.toString().equals(e.subject()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyNotificationOf(UUID caseId) {
        ResponseEntity<Map> list = http.exchange("/api/notifications?caseId=" + caseId, HttpMethod.GET,
                new HttpEntity<>(TestClient.NOTIFICATION_SENDER.headers()), Map.class);
        List<Map<String, Object>> content = (List<Map<String, Object>>) list.getBody().get("content");
        assertThat(content).hasSize(1);
        return content.get(0);
    }
}
