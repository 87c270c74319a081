package org.returnflow.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's work on a case is in the case's history: when the consulate's notice cannot be
 * delivered, operator1 resolves the failed notice in Tasklist, and the case history names operator1
 * and what operator1 wrote in the form's {@code resolution}. On a real engine on PostgreSQL, through
 * real HTTP, with the services played over a real broker. One failure is enough for the operator
 * task here ({@code notification-attempts=1}).
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.workflow.timers.notification-attempts=1")
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorTaskHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TASK = "UserTask_ResolveNotification";
    private static final String RESOLUTION = "Registered the consulate's address: PUT /api/consulates/IRN";

    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @LocalServerPort
    int port;

    FakeServices services;
    CloudEventSender notification;

    @BeforeAll
    void startTheServices() {
        String kafka = Infrastructure.get().kafkaBootstrapServers();
        services = new FakeServices(kafka);
        // The test answers the consulate's notices itself; the person's and counsel's are delivered.
        services.answerManually(m -> m instanceof SendNotification s && s.recipientType() == RecipientType.CONSULATE);
        // ... and the person's notice of a third-country destination (fear-claim window)
        services.answerManually(m -> m instanceof SendNotification s && s.recipientType() == RecipientType.DETAINEE
                && s.templateKey() == TemplateKey.DESTINATION_NOTICE);
        notification = new CloudEventSender(kafka, "/returnflow/notification-service");
    }

    @AfterAll
    void stopTheServices() {
        services.close();
        notification.close();
    }

    @Test
    void anOperatorsResolutionOfAFailedNoticeIsInTheCaseHistoryWithTheOperatorAndTheOutcome() throws Exception {
        UUID caseId = open();
        failConsulateNotice(caseId, 1);
        Task resolve = awaitTask(caseId, null);

        // A reviewer is no operator: the engine refuses, and the refusal is on record.
        ResponseEntity<String> reviewer = engine("reviewer1", "/task/" + resolve.getId() + "/complete",
                Map.of("variables", Map.of("resolution", Map.of("value", "reviewer1 tried"))));
        assertThat(reviewer.getStatusCode().is4xxClientError()).as(reviewer.getBody()).isTrue();
        assertThat(completions(caseId)).isEmpty();

        // operator1 fills in the form in Tasklist.
        CamundaWebSession tasklist = CamundaWebSession.tasklist("http://localhost:" + port, "operator1", "operator1");
        HttpResponse<String> submitted = tasklist.postToEngine("/task/" + resolve.getId() + "/submit-form",
                JSON.writeValueAsString(Map.of("variables", Map.of(
                        "recipientType", Map.of("value", "CONSULATE"),
                        "destinationCountry", Map.of("value", "IRN"),
                        "resolution", Map.of("value", RESOLUTION, "type", "String")))));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

        await().atMost(WAIT).until(() -> !completions(caseId).isEmpty());
        assertThat(completions(caseId)).singleElement().satisfies(line -> {
            assertThat(line.get("actor")).isEqualTo("operator1");
            assertThat((String) line.get("detail")).startsWith("'Resolve the failed notice'")
                    .contains("recipientType=CONSULATE", "resolution=" + RESOLUTION);
        });
        assertThat(history(caseId, "ENGINE_OPERATION")).anySatisfy(line -> {
            assertThat(line.get("actor")).isEqualTo("operator1");
            assertThat((String) line.get("detail")).contains("Complete", resolve.getId());
        });

        // The notice goes out again and fails again. A completion through /engine-rest that leaves the
        // required resolution out is refused as the form's own rule says (Tasklist checks it in the
        // browser, the server checks it too); the task stays open, and the refusal is on record.
        failConsulateNotice(caseId, 2);
        Task again = awaitTask(caseId, resolve.getId());
        ResponseEntity<String> bare = engine("operator1", "/task/" + again.getId() + "/complete", Map.of("variables", Map.of()));
        assertThat(bare.getStatusCode()).as(bare.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(bare.getBody()).contains("\"detail\":\"What was fixed is required\"");
        assertThat(history(caseId, "TASK_COMPLETION_REFUSED")).anySatisfy(line ->
                assertThat(line.get("actor")).isEqualTo("operator1"));
        // With its answer it goes through, and the history has the new answer, never the first one again.
        String second = "Consulate confirmed its address by phone";
        ResponseEntity<String> answered = engine("operator1", "/task/" + again.getId() + "/complete",
                Map.of("variables", Map.of("resolution", Map.of("value", second))));
        assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(WAIT).until(() -> completions(caseId).size() == 2);
        assertThat(completions(caseId).get(1)).satisfies(line -> {
            assertThat(line.get("actor")).isEqualTo("operator1");
            assertThat((String) line.get("detail")).contains("resolution=" + second).doesNotContain(RESOLUTION);
        });

        // The third notice is delivered: the case goes on to NOTIFIED and beyond.
        FakeServices.Sent<SendNotification> third = awaitConsulateNotices(caseId, 3).get(2);
        notification.send(new NotificationDelivered(caseId, UUID.randomUUID(), RecipientType.CONSULATE,
                third.command().templateKey(), third.command().locale(), false, "<" + UUID.randomUUID() + "@test>",
                Instant.now(), third.command().flightId(), third.requestId(), null));
        await().atMost(WAIT).until(() -> List.of("NOTIFIED", "BOARDED", "REMOVED").contains(getCase(caseId).get("state")));
    }

    /**
     * Inside a fear-claim window (a PAN case of a person described as IRN), the person's destination
     * notice fails and operator1 must resolve it. A completion that smuggles {@code fearWindowClosed}
     * is refused by the engine guard and recorded; the answer alone goes through, the notice is sent
     * again and delivered, and the case waits out its window: no seat is asked for.
     */
    @Test
    void anExtraVariableOnTheFailedDestinationNoticeDoesNotSkipTheFearClaimWindow() {
        UUID caseId = open("PAN");
        FakeServices.Sent<SendNotification> first = awaitDestinationNotices(caseId, 1).get(0);
        notification.send(new NotificationFailed(caseId, UUID.randomUUID(), RecipientType.DETAINEE,
                TemplateKey.DESTINATION_NOTICE, "NO_ADDRESS", Instant.now(), null, first.requestId()));
        Task resolve = awaitTask(caseId, null);

        ResponseEntity<String> smuggled = engine("operator1", "/task/" + resolve.getId() + "/complete",
                Map.of("variables", Map.of("resolution", Map.of("value", "Address corrected"),
                        "fearWindowClosed", Map.of("value", true))));
        assertThat(smuggled.getStatusCode()).as(smuggled.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(smuggled.getBody()).contains("fearWindowClosed");
        assertThat(history(caseId, "TASK_COMPLETION_REFUSED")).anySatisfy(line ->
                assertThat(line.get("actor")).isEqualTo("operator1"));
        assertThat(tasks.createTaskQuery().taskId(resolve.getId()).count()).isOne();

        ResponseEntity<String> answered = engine("operator1", "/task/" + resolve.getId() + "/complete",
                Map.of("variables", Map.of("resolution", Map.of("value", "Address corrected"))));
        assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        FakeServices.Sent<SendNotification> second = awaitDestinationNotices(caseId, 2).get(1);
        assertThat(second.command().data()).containsEntry("destinationCountry", "PAN").containsKey("windowEndsAt");
        notification.send(new NotificationDelivered(caseId, UUID.randomUUID(), RecipientType.DETAINEE,
                TemplateKey.DESTINATION_NOTICE, second.command().locale(), false, "<" + UUID.randomUUID() + "@test>",
                Instant.now(), null, second.requestId(), null));

        await().atMost(WAIT).until(() -> runtime.createExecutionQuery().processInstanceBusinessKey(caseId.toString())
                .activityId("Timer_FearClaimWindowEnds").count() == 1);
        assertThat(services.sent(BookSeat.class, caseId)).as("no seat inside the window").isEmpty();
        assertThat(getCase(caseId).get("state")).isEqualTo("AWAITING_SEAT");
        assertThat(history(caseId, "FEAR_CLAIM_WINDOW_OPENED")).hasSize(1);
        assertThat(history(caseId, "FEAR_CLAIM_WINDOW_CLOSED")).isEmpty();
    }

    // ----

    private List<FakeServices.Sent<SendNotification>> awaitDestinationNotices(UUID caseId, int n) {
        await().atMost(WAIT).until(() -> destinationNotices(caseId).size() >= n);
        return destinationNotices(caseId);
    }

    private List<FakeServices.Sent<SendNotification>> destinationNotices(UUID caseId) {
        return services.sent(SendNotification.class, caseId).stream()
                .filter(s -> s.command().recipientType() == RecipientType.DETAINEE
                        && s.command().templateKey() == TemplateKey.DESTINATION_NOTICE).toList();
    }

    private UUID open() {
        return open("IRN");
    }

    private UUID open(String destination) {
        HttpHeaders headers = TestClient.REMOVAL_OPERATIONS.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> opened = http.exchange("/api/removal-cases", HttpMethod.POST,
                new HttpEntity<>(Map.of("detaineeId", UUID.randomUUID(), "destinationCountry", destination), headers), Map.class);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString((String) opened.getBody().get("caseId"));
    }

    /** Answers the n-th notice to the consulate: no address. */
    private void failConsulateNotice(UUID caseId, int n) {
        FakeServices.Sent<SendNotification> sent = awaitConsulateNotices(caseId, n).get(n - 1);
        notification.send(new NotificationFailed(caseId, UUID.randomUUID(), RecipientType.CONSULATE,
                sent.command().templateKey(), "NO_CONSULATE_ADDRESS", Instant.now(), sent.command().flightId(),
                sent.requestId()));
    }

    private List<FakeServices.Sent<SendNotification>> awaitConsulateNotices(UUID caseId, int n) {
        await().atMost(WAIT).until(() -> consulateNotices(caseId).size() >= n);
        return consulateNotices(caseId);
    }

    private List<FakeServices.Sent<SendNotification>> consulateNotices(UUID caseId) {
        return services.sent(SendNotification.class, caseId).stream()
                .filter(s -> s.command().recipientType() == RecipientType.CONSULATE).toList();
    }

    private Task awaitTask(UUID caseId, String notThisOne) {
        return await().atMost(WAIT).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(caseId.toString())
                        .taskDefinitionKey(TASK).list().stream().filter(t -> !t.getId().equals(notThisOne)).findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
    }

    private ResponseEntity<String> engine(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/engine-rest" + path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private Map<String, Object> getCase(UUID caseId) {
        ResponseEntity<Map> response = http.exchange("/api/removal-cases/" + caseId, HttpMethod.GET,
                new HttpEntity<>(TestClient.REMOVAL_OPERATIONS.headers()), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private List<Map<String, Object>> completions(UUID caseId) {
        return history(caseId, "TASK_COMPLETED");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(UUID caseId, String kind) {
        return ((List<Map<String, Object>>) getCase(caseId).get("history")).stream()
                .filter(h -> kind.equals(h.get("kind"))).toList();
    }
}
