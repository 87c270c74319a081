package org.returnflow.notification.messaging;

import org.returnflow.notification.config.NotificationProperties;
import org.returnflow.notification.domain.Notification;
import org.returnflow.notification.domain.NotificationRepository;
import org.returnflow.notification.domain.NoticeTemplates;
import org.returnflow.notification.domain.RenderedNotice;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.messaging.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends pending notices, one per transaction: lock the oldest PENDING row ({@code for update skip
 * locked}), render it, send it over SMTP (with retries), then mark it DELIVERED and publish
 * {@code NotificationDelivered} through the outbox in the same transaction, or mark it FAILED and
 * publish {@code NotificationFailed} once the retries are exhausted.
 *
 * <p>It works as soon as a stored notice commits (the handler that stores it wakes one thread, in
 * turn, with {@link #nudgeOneLaneAfterCommit()}), and otherwise every
 * {@code returnflow.notification.sender.interval-ms}, which picks up what the breaker held back and
 * what another replica left. {@code threads} threads send side by side; the row lock keeps each
 * notice with one of them.
 *
 * <p>The one window: the server accepted the mail but the process dies (or the commit fails)
 * before the mark commits. The row is still PENDING and is sent again, with the same Message-ID.
 */
@Component
public class NotificationSender extends PollingWorker {

    /** The mail server stayed unreachable or refused the notice through every retry. */
    public static final String SMTP_UNAVAILABLE = "SMTP_UNAVAILABLE";
    /** The notice could not be written or handed over for a reason that retrying does not fix. */
    public static final String SEND_ERROR = "SEND_ERROR";

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final NotificationRepository notifications;
    private final NoticeTemplates templates;
    private final SmtpGateway smtp;
    private final EventOutbox outbox;
    private final TransactionTemplate tx;
    private final NotificationProperties properties;
    private final Clock clock;

    public NotificationSender(NotificationRepository notifications, NoticeTemplates templates, SmtpGateway smtp,
                              EventOutbox outbox, TransactionTemplate tx, NotificationProperties properties,
                              Clock clock) {
        super("notification-sender", Duration.ofMillis(properties.getSender().getIntervalMs()),
                properties.getSender().getThreads());
        this.notifications = notifications;
        this.templates = templates;
        this.smtp = smtp;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** Works off pending notices; while the SMTP breaker is open they wait for the next pass. */
    @Override
    protected boolean runOnce(int lane, int lanes) {
        for (int i = 0; i < properties.getSender().getBatchSize(); i++) {
            if (!smtp.available()) {
                log.debug("SMTP circuit breaker is open: pending notices wait");
                return false;
            }
            if (!sendNext()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void start() {
        if (properties.getSender().isEnabled()) {
            super.start();
        }
    }

    /**
     * Sends the oldest pending notice, if any.
     *
     * @return whether there was one
     */
    public boolean sendNext() {
        Boolean sent = tx.execute(status -> {
            Optional<Notification> next = notifications.lockNextPending();
            next.ifPresent(this::deliver);
            return next.isPresent();
        });
        return Boolean.TRUE.equals(sent);
    }

    private void deliver(Notification notification) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("caseId", notification.caseId().toString())) {
            AtomicInteger attempts = new AtomicInteger();
            try {
                RenderedNotice notice = templates.render(notification.templateKey(), notification.recipientType(),
                        notification.language(), notification.caseId(), notification.data());
                String messageId = smtp.send(notification.id(), notification.address(), notice, attempts);
                // At the precision PostgreSQL keeps, so that the event says what the record says.
                Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
                notification.delivered(notice, messageId, at, attempts.get());
                outbox.publish(notification.deliveredEvent());
                log.info("Notification {} ({} {}) delivered in {} ({}{}) after {} attempt(s)", notification.id(),
                        notification.templateKey(), notification.recipientType(), notification.locale(),
                        notification.translationStatus(), notification.englishAttached() ? ", with English" : "",
                        attempts.get());
            } catch (SmtpGateway.SmtpUnavailableException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // Shutting down in the middle of the retries: roll back, the notice stays PENDING.
                    throw e;
                }
                fail(notification, SMTP_UNAVAILABLE, attempts.get(), e);
            } catch (RuntimeException e) {
                fail(notification, SEND_ERROR, attempts.get(), e);
            }
        }
    }

    private void fail(Notification notification, String reason, int attempts, Exception cause) {
        Instant at = clock.instant();
        notification.failed(reason, at, attempts);
        outbox.publish(notification.failedEvent());
        // Only the exception's class: mail exception messages may quote the recipient's address.
        log.warn("Notification {} ({} {}) failed after {} attempt(s): {} ({})", notification.id(),
                notification.templateKey(), notification.recipientType(), attempts, reason,
                cause.getClass().getSimpleName());
    }
}
