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
import java.util.function.BooleanSupplier;
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
        return send(notificationId, to, notice, attempts, () -> true);
    }

    /**
     * Sends the notice, retrying as configured, but starts an attempt only while {@code mayAttempt}
     * says so (the sender's claim on the notice is still young enough). Nothing here touches the
     * database: the caller holds no transaction and no lock while this runs, retries included.
     *
     * @throws ClaimExpiredException when an attempt was due but {@code mayAttempt} said no; no attempt
     *                               before it succeeded
     */
    public String send(UUID notificationId, String to, RenderedNotice notice, AtomicInteger attempts,
                       BooleanSupplier mayAttempt) {
        String messageId = NoticeMail.messageId(notificationId, properties.getMessageIdDomain());
        Supplier<String> once = CircuitBreaker.decorateSupplier(breaker, () -> {
            attempts.incrementAndGet();
            mailSender.send(mime -> NoticeMail.fill(mime, messageId, properties.getFrom(), to, notice));
            return messageId;
        });
        Supplier<String> whileClaimed = () -> {
            if (!mayAttempt.getAsBoolean()) {
                throw new ClaimExpiredException(notificationId);
            }
            return once.get();
        };
        try {
            return Retry.decorateSupplier(retry, whileClaimed).get();
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

    /** The sender's claim grew too old to start another attempt; the notice was not accepted. */
    public static class ClaimExpiredException extends RuntimeException {
        ClaimExpiredException(UUID notificationId) {
            super("The claim on notification " + notificationId + " is too old for another SMTP attempt");
        }
    }
}
