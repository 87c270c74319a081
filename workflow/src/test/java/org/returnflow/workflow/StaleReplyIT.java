package org.returnflow.workflow;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies that arrive late, twice or out of order, on a real broker and a real engine on
 * PostgreSQL, with the order forced by the test. Each race ends with the case on the right flight,
 * with the right notices and blockers, and a {@code STALE_REPLY} in its history for the reply that
 * changed nothing.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaleReplyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;
    @Autowired
    RuntimeService runtime;

    FakeServices services;
    CloudEventSender flight;
    CloudEventSender detention;
    CloudEventSender notification;

    @BeforeAll
    void startTheServices() {
        String kafka = Infrastructure.get().kafkaBootstrapServers();
        services = new FakeServices(kafka);
        // The test plays flight and notification itself, and detention's final check.
        services.answerManually(BookSeat.class, SendNotification.class);
        services.answerManually(m -> m instanceof AssessEligibility a && a.stage() == EligibilityStage.FINAL);
        flight = new CloudEventSender(kafka, "/returnflow/flight-service");
        detention = new CloudEventSender(kafka, "/returnflow/detention-service");
        notification = new CloudEventSender(kafka, "/returnflow/notification-service");
    }

    @AfterAll
    void stopTheServices() {
        services.close();
        flight.close();
        detention.close();
        notification.close();
    }

    @Test
    void aFlightCancelledConsumedBeforeTheCasesSeatBookedRebooksTheCase() {
        UUID caseId = open();
        UUID first = awaitSent(BookSeat.class, caseId, 1).get(0).requestId();
        UUID cancelledFlight = UUID.randomUUID();

        // The cancellation of the flight is consumed before the booking on it.
        flight.send(new FlightCancelled(cancelledFlight, "AIRCRAFT_UNAVAILABLE", List.of(caseId), Instant.now(), caseId));
        flight.send(seatBooked(caseId, cancelledFlight, first));
        // And a SeatBooked that names no request at all, as a forger or an old producer would send it.
        flight.send(seatBooked(caseId, cancelledFlight, null));

        UUID second = awaitSent(BookSeat.class, caseId, 2).get(1).requestId();
        flight.send(seatBooked(caseId, services.flightId, second));

        await().atMost(WAIT).until(() -> "BOOKED".equals(getCase(caseId).get("state")));
        assertThat(getCase(caseId)).containsEntry("flightId", services.flightId.toString());
        assertThat(historyOf(caseId, "STALE_REPLY")).hasSize(2).anySatisfy(detail -> assertThat(detail)
                .startsWith("SeatBooked ").contains("answers request " + first, "SUPERSEDED", "changes nothing"))
                .anySatisfy(detail -> assertThat(detail).contains("NO_REQUEST"));
        assertThat(historyOf(caseId, "FLIGHT_CANCELLED")).isNotEmpty();
        // Every notice is about the flight the case holds.
        awaitSent(SendNotification.class, caseId, 3);
        assertThat(services.sent(SendNotification.class, caseId)).extracting(s -> s.command().flightId())
                .containsOnly(services.flightId);
    }

    @Test
    void aLateDeliveryOfTheOldFlightsNoticeAfterARebookingChangesNothing() {
        UUID caseId = open();
        UUID oldFlight = UUID.randomUUID();
        flight.send(seatBooked(caseId, oldFlight, awaitSent(BookSeat.class, caseId, 1).get(0).requestId()));
        List<FakeServices.Sent<SendNotification>> oldNotices = awaitSent(SendNotification.class, caseId, 3);

        flight.send(new FlightCancelled(oldFlight, "WEATHER", List.of(caseId), Instant.now(), caseId));
        flight.send(seatBooked(caseId, services.flightId, awaitSent(BookSeat.class, caseId, 2).get(1).requestId()));
        List<FakeServices.Sent<SendNotification>> newNotices = awaitSent(SendNotification.class, caseId, 6).subList(3, 6);
        assertThat(newNotices).extracting(s -> s.command().flightId()).containsOnly(services.flightId);

        // The person's notice about the old flight is delivered late, long before the new departure.
        FakeServices.Sent<SendNotification> late = oldNotices.stream()
                .filter(s -> s.command().recipientType().name().equals("DETAINEE")).findFirst().orElseThrow();
        notification.send(delivered(late, Instant.now()));
        await().atMost(WAIT).until(() -> !historyOf(caseId, "STALE_REPLY").isEmpty());
        assertThat(historyOf(caseId, "STALE_REPLY")).singleElement().asString()
                .startsWith("NotificationDelivered ").contains(late.requestId().toString(), "SUPERSEDED");
        assertThat(getCase(caseId)).containsEntry("state", "BOOKED");

        newNotices.forEach(notice -> notification.send(delivered(notice, Instant.now())));
        await().atMost(WAIT).until(() -> "NOTIFIED".equals(getCase(caseId).get("state")));
        assertThat(getCase(caseId)).containsEntry("flightId", services.flightId.toString());
        assertThat(historyOf(caseId, "NOTIFICATION_DELIVERED")).hasSize(3)
                .allSatisfy(detail -> assertThat(detail).contains("about flight " + services.flightId));
    }

    @Test
    void anInitialAssessmentSentAgainDuringTheFinalCheckChangesNothing() {
        UUID caseId = open();
        UUID initial = awaitSent(AssessEligibility.class, caseId, 1).get(0).requestId();
        flight.send(seatBooked(caseId, services.flightId, awaitSent(BookSeat.class, caseId, 1).get(0).requestId()));
        awaitSent(SendNotification.class, caseId, 3).forEach(n -> notification.send(delivered(n, Instant.now())));
        // NOTIFIED: the fake flight service locks the manifest, and the final check asks detention.
        FakeServices.Sent<AssessEligibility> finalCheck = awaitSent(AssessEligibility.class, caseId, 2).get(1);
        assertThat(finalCheck.command().stage()).isEqualTo(EligibilityStage.FINAL);

        // The initial answer comes again under a new CloudEvents id: eligible, at the wrong stage, for an old request.
        detention.send(new EligibilityAssessed(caseId, finalCheck.command().detaineeId(), "IRN",
                finalCheck.command().onDate(), EligibilityStage.INITIAL, true, List.of(), initial));
        await().atMost(WAIT).until(() -> !historyOf(caseId, "STALE_REPLY").isEmpty());
        assertThat(historyOf(caseId, "STALE_REPLY")).singleElement().asString()
                .startsWith("EligibilityAssessed ").contains(initial.toString(), "SUPERSEDED");
        assertThat(activeActivities(caseId)).containsExactly("ReceiveTask_WaitForFinalEligibility");

        // The real final answer finds a hold: the person is offloaded to legal review.
        detention.send(new EligibilityAssessed(caseId, finalCheck.command().detaineeId(), "IRN",
                finalCheck.command().onDate(), EligibilityStage.FINAL, false,
                List.of(new Blocker(BlockerCode.ACTIVE_LEGAL_HOLD, UUID.randomUUID())),
                finalCheck.requestId()));
        await().atMost(WAIT).until(() -> "LEGAL_REVIEW".equals(getCase(caseId).get("state")));
        assertThat(getCase(caseId).get("blockers")).asList().singleElement()
                .satisfies(b -> assertThat(((Map<?, ?>) b).get("code")).isEqualTo("ACTIVE_LEGAL_HOLD"));
        assertThat(historyOf(caseId, "OFFLOADED")).singleElement().asString().contains("OFFLOADED_ACTIVE_LEGAL_HOLD");
    }

    // ----

    private UUID open() {
        HttpHeaders headers = TestClient.REMOVAL_OPERATIONS.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> opened = http.exchange("/api/removal-cases", HttpMethod.POST, new HttpEntity<>(
                Map.of("detaineeId", UUID.randomUUID(), "destinationCountry", "IRN"), headers), Map.class);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString((String) opened.getBody().get("caseId"));
    }

    private <T extends org.returnflow.contracts.Message> List<FakeServices.Sent<T>> awaitSent(Class<T> type, UUID caseId,
                                                                                             int count) {
        await().atMost(WAIT).until(() -> services.sent(type, caseId).size() >= count);
        return services.sent(type, caseId);
    }

    private SeatBooked seatBooked(UUID caseId, UUID flightId, UUID request) {
        return new SeatBooked(caseId, flightId, "RF" + flightId.toString().substring(0, 4), "12A",
                services.departureAt, "AEX", List.of("DOH"), "IKA", request);
    }

    private static NotificationDelivered delivered(FakeServices.Sent<SendNotification> notice, Instant at) {
        SendNotification n = notice.command();
        return new NotificationDelivered(n.caseId(), UUID.randomUUID(), n.recipientType(), n.templateKey(), n.locale(),
                false, "<" + UUID.randomUUID() + "@greenmail>", at.truncatedTo(ChronoUnit.MILLIS), n.flightId(),
                notice.requestId(), null);
    }

    private List<String> activeActivities(UUID caseId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId.toString())
                .singleResult();
        return runtime.getActiveActivityIds(instance.getId());
    }

    private Map<String, Object> getCase(UUID caseId) {
        ResponseEntity<Map> response = http.exchange("/api/removal-cases/" + caseId, HttpMethod.GET,
                new HttpEntity<>(TestClient.REMOVAL_OPERATIONS.headers()), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private List<String> historyOf(UUID caseId, String kind) {
        return ((List<Map<String, Object>>) getCase(caseId).get("history")).stream()
                .filter(h -> kind.equals(h.get("kind"))).map(h -> (String) h.get("detail")).toList();
    }
}
