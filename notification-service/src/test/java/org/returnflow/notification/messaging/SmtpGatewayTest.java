package org.returnflow.notification.messaging;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.notification.SmtpSink;
import org.returnflow.notification.config.NotificationProperties;
import org.returnflow.notification.domain.NoticeTemplates;
import org.returnflow.notification.domain.RenderedNotice;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notices as a real SMTP server (GreenMail) receives them: multipart, UTF-8, in the person's language. */
class SmtpGatewayTest {

    static final UUID CASE = UUID.fromString("6f0b8a52-4c1e-4d2a-9b7e-1a2b3c4d5e01");
    static final Map<String, String> FLIGHT = Map.of("flightNumber", "RF2601", "departureAt", "2026-12-05T08:00:00Z",
            "departureAirport", "AEX", "stopoverAirports", "DOH", "arrivalAirport", "IKA");

    final SmtpSink smtp = SmtpSink.onFreePort();
    final NoticeTemplates templates = new NoticeTemplates();
    final SmtpGateway gateway = gateway(smtp.port());

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void aPersianNoticeArrivesRightToLeftWithPlainAndHtmlPartsAndAStableMessageId() throws Exception {
        smtp.start();
        UUID id = UUID.randomUUID();
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "fa", CASE, FLIGHT);

        String messageId = gateway.send(id, "person@example.org", notice, new AtomicInteger());

        assertThat(messageId).isEqualTo("<" + id + "@returnflow.test>");
        MimeMessage mail = smtp.messagesTo("person@example.org").get(0);
        assertThat(mail.getMessageID()).isEqualTo(messageId);
        assertThat(mail.getSubject()).isEqualTo(notice.subject()).startsWith("پرواز بازگشت RF2601");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("notices@returnflow.test");
        assertThat(mail.getHeader("Content-Language")).as("the Persian draft, and the English text")
                .containsExactly("fa, en");
        assertThat(SmtpSink.part(mail, "text/plain")).isEqualTo(notice.text())
                .containsSubsequence("در تهران فرود می‌آید", "با وکیل خود و با کنسولگری کشور خود تماس بگیرد",
                        "The same notice in English.", "arrives in Tehran");
        assertThat(SmtpSink.part(mail, "text/html")).contains("<html dir=\"rtl\" lang=\"fa\">")
                .contains("دوحه").contains("<div dir=\"ltr\" lang=\"en\">");
    }

    @Test
    void jakartaMailIsToldItsStreamProviderSoItDoesNotScanTheClassPathForEveryHeader() {
        assertThat(gateway).isNotNull();
        assertThat(System.getProperty(SmtpGateway.STREAM_PROVIDER_PROPERTY))
                .isEqualTo(org.eclipse.angus.mail.util.MailStreamProvider.class.getName());
        assertThat(jakarta.mail.util.StreamProvider.provider())
                .isInstanceOf(org.eclipse.angus.mail.util.MailStreamProvider.class);
    }

    @Test
    void anUnknownLanguageArrivesInEnglish() throws Exception {
        smtp.start();
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "sw", CASE, FLIGHT);

        gateway.send(UUID.randomUUID(), "mtu@example.org", notice, new AtomicInteger());

        MimeMessage mail = smtp.messagesTo("mtu@example.org").get(0);
        assertThat(mail.getSubject()).startsWith("Return flight RF2601");
        assertThat(mail.getHeader("Content-Language")).containsExactly("en");
        assertThat(SmtpSink.part(mail, "text/html")).contains("<html dir=\"ltr\" lang=\"en\">")
                .contains("stops over in Doha and arrives in Tehran");
    }

    @Test
    void aServerThatStaysDownExhaustsTheRetries() {
        RenderedNotice notice = templates.render(TemplateKey.CASE_WITHDRAWN, RecipientType.COUNSEL, "es", CASE,
                Map.of());
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> gateway.send(UUID.randomUUID(), "counsel@example.org", notice, attempts))
                .isInstanceOf(SmtpGateway.SmtpUnavailableException.class)
                .hasCauseInstanceOf(MailException.class);
        assertThat(attempts).hasValue(3);
    }

    private static SmtpGateway gateway(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.setDefaultEncoding("UTF-8");
        NotificationProperties properties = new NotificationProperties();
        properties.setFrom("notices@returnflow.test");
        properties.setMessageIdDomain("returnflow.test");
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(10))
                .retryExceptions(MailException.class).build());
        return new SmtpGateway(sender, retries, CircuitBreakerRegistry.ofDefaults(), properties);
    }
}
