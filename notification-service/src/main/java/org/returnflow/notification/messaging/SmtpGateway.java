package org.returnflow.notification.messaging;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.returnflow.notification.config.NotificationProperties;
import org.returnflow.notification.domain.RenderedNotice;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The SMTP server behind Resilience4j: the {@code smtp} Retry (bounded, exponential backoff)
 * around the {@code smtp} CircuitBreaker around one send. While the breaker is open, calls fail
 * fast instead of reaching the server, and the sender leaves pending notices waiting.
 */
@Component
public class SmtpGateway {

    public static final String INSTANCE = "smtp";

    /**
     * Jakarta Mail finds its {@code StreamProvider} anew for every header it encodes or decodes, with
     * a {@code ServiceLoader} scan of the whole class path unless this system property names the
     * implementation. Inside the service's jar that scan was 47 % of the service's CPU in the
     * benchmark (bench/results/2026-11-30.md); naming Angus Mail's provider skips it.
     */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, MailStreamProvider.class.getName());
        }
    }

    private final JavaMailSender mailSender;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final NotificationProperties properties;

    public SmtpGateway(JavaMailSender mailSender, RetryRegistry retries, CircuitBreakerRegistry breakers,
                       NotificationProperties properties) {
        this.mailSender = mailSender;
        this.retry = retries.retry(INSTANCE);
        this.breaker = breakers.circuitBreaker(INSTANCE);
        this.properties = properties;
    }

    /** Whether the breaker lets calls through (closed or half-open). */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN
                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * Sends the notice, retrying as configured.
     *
     * @param attempts counts the calls that reached the SMTP server
     * @return the Message-ID the server accepted
     * @throws SmtpUnavailableException when the retries are exhausted
     */
    public String send(UUID notificationId, String to, RenderedNotice notice, AtomicInteger attempts) {
        String messageId = NoticeMail.messageId(notificationId, properties.getMessageIdDomain());
        Supplier<String> once = () -> {
            attempts.incrementAndGet();
            mailSender.send(mime -> NoticeMail.fill(mime, messageId, properties.getFrom(), to, notice));
            return messageId;
        };
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, once)).get();
        } catch (MailException | CallNotPermittedException e) {
            throw new SmtpUnavailableException(e);
        }
    }

    /** The mail server did not accept a notice within the configured retries. */
    public static class SmtpUnavailableException extends RuntimeException {
        SmtpUnavailableException(Throwable cause) {
            super("SMTP unavailable after retries: " + cause.getClass().getSimpleName(), cause);
        }
    }
}
