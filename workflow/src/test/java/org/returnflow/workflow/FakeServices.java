package org.returnflow.workflow;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.ContractSchemas;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeReleasedFromOperation;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.contracts.workflow.CaseStateChanged;
import org.returnflow.testkit.CloudEventSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Detention, consent, flight and notification, as far as the workflow can tell: a plain Kafka
 * consumer reads their command topics and answers each command with the events the real service
 * would publish, signed with that service's CloudEvents source. The flight side also acts on its
 * own at the right moments, by watching {@code workflow.events}: it locks the manifest once the
 * case is NOTIFIED, boards the person after the final eligibility check, and confirms the handover
 * once the case is BOARDED.
 *
 * <p>Every person is an Iranian national held at LA-ASF with counsel, eligible and consenting,
 * except the people {@link #blockOn blocked}, for whom detention reports blockers (an active legal hold, ...).
 */
final class FakeServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FakeServices.class);

    /** The one charter the fake flight service books everybody on: AEX via DOH to IKA. */
    final UUID flightId = UUID.randomUUID();
    final Instant departureAt = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    /** How long after a clean final check the person boards. */
    static final Duration BOARDING_AFTER = Duration.ofSeconds(3);
    private final ScheduledExecutorService gate = Executors.newSingleThreadScheduledExecutor();

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final CloudEventSender detention;
    private final CloudEventSender consent;
    private final CloudEventSender flight;
    private final CloudEventSender notification;
    private final Map<UUID, List<BlockerCode>> blocked = new ConcurrentHashMap<>();
    private final Map<UUID, String> seats = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger nextSeat = new java.util.concurrent.atomic.AtomicInteger();
    private final List<java.util.function.Predicate<Message>> manual = new CopyOnWriteArrayList<>();
    private final List<Sent<?>> sent = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> contractErrors = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    FakeServices(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "fake-services",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
                new StringDeserializer(), new CloudEventDeserializer());
        consumer.subscribe(List.of(Topics.DETENTION_COMMANDS, Topics.CONSENT_COMMANDS, Topics.FLIGHT_COMMANDS,
                Topics.NOTIFICATION_COMMANDS, Topics.WORKFLOW_EVENTS));
        detention = new CloudEventSender(bootstrapServers, "/returnflow/detention-service");
        consent = new CloudEventSender(bootstrapServers, "/returnflow/consent-service");
        flight = new CloudEventSender(bootstrapServers, "/returnflow/flight-service");
        notification = new CloudEventSender(bootstrapServers, "/returnflow/notification-service");
        thread = new Thread(this::run, "fake-services");
        thread.setDaemon(true);
        thread.start();
    }

    /** Each case its own seat, as a real flight gives: 1A, 1B, ... 1F, 2A, ... */
    String seatOf(UUID caseId) {
        return seats.computeIfAbsent(caseId, c -> {
            int n = nextSeat.getAndIncrement();
            return (1 + n / 6) + String.valueOf("ABCDEF".charAt(n % 6));
        });
    }

    /** Detention reports these people under an active legal hold, so their cases stop in legal review. */
    void holdOn(UUID... detaineeIds) {
        for (UUID detaineeId : detaineeIds) {
            blockOn(detaineeId, BlockerCode.ACTIVE_LEGAL_HOLD);
        }
    }

    /** Detention reports these blockers for the person at every check. */
    void blockOn(UUID detaineeId, BlockerCode... codes) {
        blocked.put(detaineeId, List.of(codes));
    }

    /** A command the workflow sent, with its request id (its CloudEvents id). */
    record Sent<T extends Message>(T command, UUID requestId) {
    }

    /** The test answers these commands itself; the fakes only record them ({@link #sent}). */
    void answerManually(Class<?>... commandTypes) {
        for (Class<?> type : commandTypes) {
            manual.add(type::isInstance);
        }
    }

    /** The test answers the commands that match itself. */
    void answerManually(java.util.function.Predicate<Message> which) {
        manual.add(which);
    }

    /** The commands of this type the workflow sent for a case, oldest first. */
    <T extends Message> List<Sent<T>> sent(Class<T> type, UUID caseId) {
        return sent.stream().filter(c -> type.isInstance(c.command()))
                .filter(c -> c.command() instanceof org.returnflow.contracts.CaseMessage m && caseId.equals(m.caseId()))
                .map(c -> new Sent<>(type.cast(c.command()), c.requestId())).toList();
    }

    /** The names of the commands received so far, e.g. {@code BookSeat}, in order. */
    List<String> commandsReceived() {
        return List.copyOf(received);
    }

    /** What was wrong with any message the workflow sent, against its contract schema. */
    List<String> contractErrors() {
        return List.copyOf(contractErrors);
    }

    private void run() {
        while (running) {
            try {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(100))) {
                    answer(record.value());
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.error("The fake services failed to answer", e);
            }
        }
    }

    private void answer(CloudEvent event) {
        // A reply names the command it answers by the command's CloudEvents id.
        UUID request = UUID.fromString(event.getId());
        byte[] data = event.getData().toBytes();
        ContractSchemas.errors(event.getType(), data).forEach(e -> contractErrors.add(event.getType() + ": " + e));
        Message message = ContractJson.fromBytes(data, MessageCatalog.byType(event.getType()).javaType());
        if (!(message instanceof CaseStateChanged)) {
            received.add(MessageCatalog.of(message).name());
            sent.add(new Sent<>(message, request));
        }
        if (manual.stream().anyMatch(m -> m.test(message))) {
            return;
        }
        if (message instanceof DescribeDetainee m) {
            detention.send(new DetaineeDescribed(m.caseId(), m.detaineeId(), "IRN", "fa",
                    LocalDate.parse("2025-03-01"), "LA-ASF", CustodyStatus.IN_CUSTODY, true, request));
        } else if (message instanceof AssessEligibility m) {
            List<Blocker> blockers = blocked.getOrDefault(m.detaineeId(), List.of()).stream()
                    .map(code -> new Blocker(code, code == BlockerCode.ACTIVE_LEGAL_HOLD ? UUID.randomUUID() : null))
                    .toList();
            detention.send(new EligibilityAssessed(m.caseId(), m.detaineeId(), m.destinationCountry(), m.onDate(),
                    m.stage(), blockers.isEmpty(), blockers, request));
            if (m.stage() == EligibilityStage.FINAL && blockers.isEmpty()) {
                // At the gate, once the clean final check is known, as an agency boards: a little after the
                // answer, which the workflow takes in on another topic. Boarding before the workflow has
                // the answer is what the S5 audit calls boarding without a final check.
                gate.schedule(() -> flight.send(new PassengerBoarded(m.caseId(), flightId,
                        departureAt.minus(1, ChronoUnit.HOURS))), BOARDING_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else if (message instanceof RequestConsent m) {
            consent.send(new ConsentGiven(m.caseId(), UUID.randomUUID(), m.detaineeId(), "officer-7",
                    m.preferredLanguage(), "interpreter-3", "ab".repeat(32), Instant.now(), 180, false, request));
        } else if (message instanceof BookSeat m) {
            flight.send(new SeatBooked(m.caseId(), flightId, "RF101", seatOf(m.caseId()), departureAt, "AEX", List.of("DOH"), "IKA",
                    request));
        } else if (message instanceof ReleaseSeat m) {
            flight.send(new SeatReleased(m.caseId(), flightId, seatOf(m.caseId()), m.reason(), Instant.now(), request));
        } else if (message instanceof SendNotification m) {
            notification.send(new NotificationDelivered(m.caseId(), UUID.randomUUID(), m.recipientType(),
                    m.templateKey(), m.locale(), false, "<" + UUID.randomUUID() + "@greenmail>", Instant.now(), m.flightId(),
                    request, null));
        } else if (message instanceof RecordRemoval m) {
            detention.send(new DetaineeRemoved(m.caseId(), m.detaineeId(), m.flightId(), Instant.now(), request));
        } else if (message instanceof ReleaseFromOperation m) {
            detention.send(new DetaineeReleasedFromOperation(m.caseId(), m.detaineeId(), m.reasonCode(), Instant.now(),
                    request));
        } else if (message instanceof CaseStateChanged m && m.state() == CaseState.NOTIFIED) {
            flight.send(new ManifestLocked(flightId, departureAt, List.of(m.caseId()), m.caseId()));
        } else if (message instanceof CaseStateChanged m && m.state() == CaseState.BOARDED) {
            flight.send(new HandoverConfirmed(m.caseId(), flightId, departureAt.plus(14, ChronoUnit.HOURS)));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        gate.shutdownNow();
        detention.close();
        consent.close();
        flight.close();
        notification.close();
    }
}
