package org.returnflow.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.notification.config.NotificationProperties;
import org.returnflow.notification.domain.Notification;
import org.returnflow.notification.domain.NotificationRepository;
import org.returnflow.notification.domain.NotificationStatus;
import org.returnflow.notification.domain.NoticeLanguage;
import org.returnflow.notification.domain.NoticeTemplates;
import org.returnflow.notification.domain.RenderedNotice;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.messaging.FailureKind;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends stored notices, one at a time per thread, in three steps of which only the first and the
 * last touch the database, each in a short transaction of its own:
 *
 * <ol>
 *   <li><b>Claim</b>: lock the oldest PENDING row ({@code for update skip locked}), set it SENDING
 *   under a fresh claim token and time, and commit. The row lock ends with that commit.</li>
 *   <li><b>Send</b>: render it and hand it to the mail server with the Message-ID derived from the
 *   notification id, with the SMTP retries, outside any transaction and without any lock.</li>
 *   <li><b>Mark</b>: lock the row again, and if it is still SENDING under this claim set it
 *   DELIVERED and publish {@code NotificationDelivered} through the outbox; or FAILED with
 *   {@code NotificationFailed} when the retries are exhausted; or back to PENDING when the sender
 *   stopped before an attempt succeeded. A mark that meets a database outage is retried until it
 *   commits, so a delivered notice is not left SENDING while this process lives.</li>
 * </ol>
 *
 * <p><b>After a crash</b> a notice can be left SENDING. Once its claim is older than
 * {@code claim-grace} a sender takes it over deliberately: it counts the takeover ({@code resends},
 * {@code returnflow.notification.resends}, a WARN log) and sends it again with the same Message-ID.
 * A live sender never overlaps with that takeover, because it starts no SMTP attempt once its claim
 * is older than {@code claim-grace - attempt-margin}. So a second e-mail is possible only when the
 * mail server accepted the notice and the process died (or lost the database for good) before the
 * mark committed; README.md names that window.
 *
 * <p>It works as soon as a stored notice commits (the handler that stores it wakes one thread, in
 * turn, with {@link #nudgeOneLaneAfterCommit()}), and otherwise every
 * {@code returnflow.notification.sender.interval-ms}, which picks up what the breaker held back,
 * what another replica left and abandoned claims. {@code threads} threads send side by side.
 */
@Component
public class NotificationSender extends PollingWorker {

    /** The mail server stayed unreachable or refused the notice through every retry. */
    public static final String SMTP_UNAVAILABLE = "SMTP_UNAVAILABLE";
    /** The notice could not be written or handed over for a reason that retrying does not fix. */
    public static final String SEND_ERROR = "SEND_ERROR";

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    private static final Duration STATUS_COUNT_AGE = Duration.ofSeconds(5);
    private static final Duration MARK_RETRY_MAX = Duration.ofSeconds(30);

    private final NotificationRepository notifications;
    private final NoticeTemplates templates;
    private final SmtpGateway smtp;
    private final EventOutbox outbox;
    private final TransactionTemplate tx;
    private final NotificationProperties properties;
    private final Clock clock;
    private final Counter resends;
    private volatile StatusCounts statusCounts = new StatusCounts(Instant.EPOCH, Map.of());

    public NotificationSender(NotificationRepository notifications, NoticeTemplates templates, SmtpGateway smtp,
                              EventOutbox outbox, TransactionTemplate tx, NotificationProperties properties,
                              Clock clock, MeterRegistry meters) {
        super("notification-sender", Duration.ofMillis(properties.getSender().getIntervalMs()),
                properties.getSender().getThreads());
        this.notifications = notifications;
        this.templates = templates;
        this.smtp = smtp;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.resends = Counter.builder("returnflow.notification.resends")
                .description("Notices sent again because their sender left them SENDING past the claim grace")
                .register(meters);
        for (NotificationStatus status : NotificationStatus.values()) {
            Gauge.builder("returnflow.notification.notices", this, s -> s.countOf(status))
                    .description("Notices by status").tag("status", status.name()).register(meters);
        }
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
     * Claims the next notice (an abandoned claim first, else the oldest pending one), sends it and
     * records the outcome.
     *
     * @return whether there was one
     */
    public boolean sendNext() {
        Optional<Claim> claim = claimNext();
        claim.ifPresent(this::deliver);
        return claim.isPresent();
    }

    /** Step 1, a short transaction: the row is SENDING under a new claim once this returns. */
    private Optional<Claim> claimNext() {
        return tx.execute(status -> {
            Instant now = clock.instant();
            Optional<Notification> next = notifications.lockNextAbandoned(now.minus(properties.getSender().getClaimGrace()))
                    .or(notifications::lockNextPending);
            return next.map(n -> {
                UUID token = UUID.randomUUID();
                boolean takeOver = n.claim(token, now);
                return new Claim(n.id(), token, now, takeOver, n.caseId(), n.recipientType(), n.templateKey(),
                        n.language(), n.address(), n.data());
            });
        });
    }

    /** Steps 2 and 3: no transaction is open while the mail server is talked to. */
    private void deliver(Claim claim) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("caseId", claim.caseId().toString())) {
            if (claim.takeOver()) {
                resends.increment();
                log.warn("Notification {} ({} {}) was left SENDING by a sender that stopped; sending it again with "
                        + "its Message-ID", claim.id(), claim.templateKey(), claim.recipientType());
            }
            AtomicInteger attempts = new AtomicInteger();
            String messageId;
            RenderedNotice notice;
            try {
                notice = templates.render(claim.templateKey(), claim.recipientType(), claim.language(),
                        claim.caseId(), claim.data());
                messageId = smtp.send(claim.id(), claim.address(), notice, attempts, () -> mayAttempt(claim));
            } catch (SmtpGateway.ClaimExpiredException e) {
                log.warn("Notification {}: the claim grew too old for another attempt; it waits again", claim.id());
                mark(claim, n -> n.released(claim.token(), attempts.get()));
                return;
            } catch (SmtpGateway.SmtpUnavailableException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // Shutting down in the middle of the retries, none accepted: the notice waits again.
                    mark(claim, n -> n.released(claim.token(), attempts.get()));
                    return;
                }
                fail(claim, SMTP_UNAVAILABLE, attempts.get(), e);
                return;
            } catch (RuntimeException e) {
                fail(claim, SEND_ERROR, attempts.get(), e);
                return;
            }
            // At the precision PostgreSQL keeps, so that the event says what the record says.
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            RenderedNotice sent = notice;
            mark(claim, n -> {
                n.delivered(claim.token(), sent, messageId, at, attempts.get());
                outbox.publish(n.deliveredEvent());
            });
            log.info("Notification {} ({} {}) delivered in {} ({}{}) after {} attempt(s)", claim.id(),
                    claim.templateKey(), claim.recipientType(), sent.language().tag(), sent.language().status(),
                    sent.englishAttached() ? ", with English" : "", attempts.get());
        }
    }

    /** A new attempt may start only while the claim is clearly this sender's. */
    private boolean mayAttempt(Claim claim) {
        Duration grace = properties.getSender().getClaimGrace();
        Instant lastStart = claim.claimedAt().plus(grace.minus(properties.getSender().getAttemptMargin()));
        return !clock.instant().isAfter(lastStart);
    }

    private void fail(Claim claim, String reason, int attempts, Exception cause) {
        Instant at = clock.instant();
        mark(claim, n -> {
            n.failed(reason, at, attempts);
            outbox.publish(n.failedEvent());
        });
        // Only the exception's class: mail exception messages may quote the recipient's address.
        log.warn("Notification {} ({} {}) failed after {} attempt(s): {} ({})", claim.id(), claim.templateKey(),
                claim.recipientType(), attempts, reason, cause.getClass().getSimpleName());
    }

    /**
     * Step 3, a short transaction: applies the outcome if the notice is still SENDING under this claim.
     * A transient database failure (no connection, a timeout) is retried with backoff until the mark
     * commits or the sender stops: a delivered notice must not be left to look abandoned.
     */
    private void mark(Claim claim, Consumer<Notification> outcome) {
        Duration wait = Duration.ofMillis(250);
        while (true) {
            try {
                tx.executeWithoutResult(status -> {
                    Notification n = notifications.lockById(claim.id()).orElseThrow();
                    if (!n.claimedBy(claim.token())) {
                        log.warn("Notification {} is {} under another claim now; this sender's outcome is dropped",
                                claim.id(), n.status());
                        return;
                    }
                    outcome.accept(n);
                });
                return;
            } catch (RuntimeException e) {
                if (FailureKind.of(e) != FailureKind.TRANSIENT || !isRunning()) {
                    log.error("Notification {}: the outcome could not be recorded; it stays SENDING and is resolved "
                            + "after the claim grace: {}", claim.id(), FailureKind.rootCause(e).toString());
                    return;
                }
                log.warn("Notification {}: recording the outcome failed, retrying in {}: {}", claim.id(), wait,
                        FailureKind.rootCause(e).toString());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(MARK_RETRY_MAX) > 0 ? MARK_RETRY_MAX : wait.multipliedBy(2);
            }
        }
    }

    /** Notices in one status, counted at most every few seconds for all statuses at once. */
    private double countOf(NotificationStatus status) {
        StatusCounts counts = statusCounts;
        if (counts.at().plus(STATUS_COUNT_AGE).isBefore(clock.instant())) {
            try {
                Map<NotificationStatus, Long> fresh = new EnumMap<>(NotificationStatus.class);
                for (Object[] row : notifications.countByStatus()) {
                    fresh.put(NotificationStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
                }
                counts = new StatusCounts(clock.instant(), fresh);
                statusCounts = counts;
            } catch (RuntimeException e) {
                return Double.NaN; // no database right now
            }
        }
        return counts.byStatus().getOrDefault(status, 0L);
    }

    /** What a sender took from the row at its claim: everything it needs to send without the database. */
    private record Claim(UUID id, UUID token, Instant claimedAt, boolean takeOver, UUID caseId,
                         RecipientType recipientType, TemplateKey templateKey, NoticeLanguage language, String address,
                         Map<String, String> data) {
    }

    private record StatusCounts(Instant at, Map<NotificationStatus, Long> byStatus) {
    }
}
