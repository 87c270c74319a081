package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.messaging.MessageRejectedException;
import org.returnflow.platform.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Takes {@code SendNotification} commands in: each becomes one stored notice per idempotency key
 * (caseId, recipientType, templateKey, flightId), waiting for the sender. Nothing is sent here, so
 * a rolled-back or redelivered command can never have sent an e-mail.
 */
@Service
public class NotificationRequests {

    /** No address for the person or counsel: neither in the command nor in the address book. */
    public static final String NO_ADDRESS = "NO_ADDRESS";
    /** No consulate registered for the country, or no country given. */
    public static final String NO_CONSULATE_ADDRESS = "NO_CONSULATE_ADDRESS";

    private static final Logger log = LoggerFactory.getLogger(NotificationRequests.class);

    private final NotificationRepository notifications;
    private final AddressBook addressBook;
    private final ConsulateDirectory consulates;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public NotificationRequests(NotificationRepository notifications, AddressBook addressBook,
                                ConsulateDirectory consulates, EventOutbox outbox, AuditLog audit, Clock clock) {
        this.notifications = notifications;
        this.addressBook = addressBook;
        this.consulates = consulates;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores the notice as PENDING, or FAILED with {@code NotificationFailed} when there is nowhere
     * to send it. A command whose key is known already sends no second e-mail: a delivered notice is
     * answered again with its {@code NotificationDelivered} (same notice, same delivery time), so a
     * case that asks again, e.g. after it was rebooked onto the same flight, is not left waiting; a
     * pending one will answer when it is sent; a FAILED one is tried again, since it never arrived.
     */
    @Transactional
    public Notification accept(SendNotification command, UUID requestId) {
        if (command.templateKey() == TemplateKey.DESTINATION_NOTICE
                && command.recipientType() == RecipientType.CONSULATE) {
            // The notice tells the person they may claim fear of that state: never the state's consulate's business.
            throw new MessageRejectedException("DESTINATION_NOTICE goes to the person and counsel only, never to a "
                    + "consulate");
        }
        Optional<Notification> known = notifications.lockByKey(command.caseId(), command.recipientType(),
                command.templateKey(), command.flightId());
        if (known.isPresent() && known.get().status() != NotificationStatus.FAILED) {
            log.info("{} {} for case {} is known already ({}): no second e-mail", command.templateKey(),
                    command.recipientType(), command.caseId(), known.get().status());
            known.get().askedBy(requestId);
            notifications.saveAndFlush(known.get());
            if (known.get().status() == NotificationStatus.DELIVERED) {
                outbox.publish(known.get().deliveredEvent());
            }
            return known.get();
        }
        Recipient recipient = recipientOf(command);
        Notification notification = known.orElseGet(() -> new Notification(command.caseId(), command.detaineeId(),
                command.recipientType(), command.templateKey(), command.flightId(), command.country(),
                command.locale(), NoticeLanguage.forRequested(recipient.locale()), command.data(), command.facilityCode(),
                clock.instant()));
        notification.askedBy(requestId);
        if (recipient.address() == null) {
            String reason = command.recipientType() == RecipientType.CONSULATE ? NO_CONSULATE_ADDRESS : NO_ADDRESS;
            notification.failed(reason, clock.instant(), 0);
            notifications.saveAndFlush(notification);
            outbox.publish(notification.failedEvent());
            log.warn("{} {} for case {} failed: {}", command.templateKey(), command.recipientType(),
                    command.caseId(), reason);
            return notification;
        }
        notification.await(recipient.address());
        // saveAndFlush: a concurrent twin hits the unique key here, the message is retried, and the
        // retry finds this row.
        notifications.saveAndFlush(notification);
        log.info("{} {} for case {} waits for the sender as {}", command.templateKey(), command.recipientType(),
                command.caseId(), notification.id());
        return notification;
    }

    /**
     * The notices of one case, oldest first, of a person held at a facility within reach; the read is
     * audited. Addresses stay inside.
     */
    @Transactional
    public <T> PageResponse<T> ofCase(UUID caseId, FacilityReach reach, int page, int size, Function<Notification, T> view) {
        PageRequest request = PageRequest.of(page, Math.min(size, PageResponse.MAX_SIZE), Sort.by("createdAt", "id"));
        if (reach.nothing()) {
            return PageResponse.of(Page.<Notification>empty(request), view);
        }
        audit.recordRead("RemovalCase", caseId);
        Page<Notification> found = notifications.findOfCase(caseId, reach.unlimited(), reach.codes(), request);
        return PageResponse.of(found, view);
    }

    private Recipient recipientOf(SendNotification command) {
        if (command.recipientType() == RecipientType.CONSULATE) {
            return new Recipient(consulates.find(command.country()).map(Consulate::email).orElse(null),
                    command.locale());
        }
        if (command.address() != null && !command.address().isBlank()) {
            return new Recipient(command.address().trim(), command.locale());
        }
        // The address book also knows which language this contact reads (counsel may not read the person's).
        return addressBook.find(command.detaineeId(), command.recipientType())
                .map(c -> new Recipient(c.address(), c.locale()))
                .orElse(new Recipient(null, command.locale()));
    }

    private record Recipient(String address, String locale) {
    }
}
