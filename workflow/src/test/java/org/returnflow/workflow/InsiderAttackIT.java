package org.returnflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.flight.BookSeat;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People with an account who try to get past a safeguard through the engine's REST API and
 * Tasklist, on a real engine on PostgreSQL: a reviewer who sends more than the form asks for, an
 * operator who tries to rewrite a case, a query that carries an expression. Each attempt is refused
 * with a 4xx problem, changes nothing (the person is never booked), and is on record in the case
 * history with the user's name.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsiderAttackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JUSTIFICATION = "the court record of 2026-11-30 shows no pending appeal";

    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @LocalServerPort
    int port;

    FakeServices services;

    @BeforeAll
    void startTheServices() {
        services = new FakeServices(Infrastructure.get().kafkaBootstrapServers());
    }

    @AfterAll
    void stopTheServices() {
        services.close();
    }

    @Test
    void aReviewerWhoSmugglesVariablesIntoTheReviewIsRefusedAndTheHoldStands() throws Exception {
        UUID caseId = caseInReview(BlockerCode.ACTIVE_LEGAL_HOLD);
        Task review = openTask(caseId, "UserTask_LegalReview");
        Map<String, Object> smuggled = new LinkedHashMap<>();
        smuggled.put("overriddenBlockers", "ACTIVE_LEGAL_HOLD,NO_FINAL_ORDER");
        smuggled.put("blockers", "[]");
        smuggled.put("blocked", false);
        smuggled.put("eligible", true);
        smuggled.put("voluntary", true);

        for (Map.Entry<String, Object> variable : smuggled.entrySet()) {
            Map<String, Object> variables = proceed();
            variables.put(variable.getKey(), Map.of("value", variable.getValue()));
            ResponseEntity<String> refused = engine("reviewer1", HttpMethod.POST, "/task/" + review.getId() + "/complete",
                    Map.of("variables", variables));

            assertProblem(refused, HttpStatus.BAD_REQUEST);
            assertThat(json(refused).at("/errors/0/field").asText()).isEqualTo("variables." + variable.getKey());
            assertThat(json(refused).at("/detail").asText()).contains("takes only the fields of its form legal-review");
        }

        // Only the form's fields: the safeguards themselves refuse PROCEED past the hold, as a client error.
        ResponseEntity<String> proceed = engine("reviewer1", HttpMethod.POST, "/task/" + review.getId() + "/complete",
                Map.of("variables", proceed()));
        assertProblem(proceed, HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json(proceed).at("/detail").asText()).contains("PROCEED is refused", "ACTIVE_LEGAL_HOLD");

        assertThat(openTask(caseId, "UserTask_LegalReview").getId()).as("the task stays open").isEqualTo(review.getId());
        assertThat(services.sent(BookSeat.class, caseId)).as("the person is never booked").isEmpty();
        assertThat(getCase(caseId)).containsEntry("state", "LEGAL_REVIEW");
        assertThat(history(caseId, "TASK_COMPLETION_REFUSED")).hasSize(6).allSatisfy(line ->
                assertThat(line.get("actor")).isEqualTo("reviewer1"));
        assertThat(history(caseId, "TASK_COMPLETION_REFUSED")).extracting(line -> (String) line.get("detail"))
                .anySatisfy(d -> assertThat(d).contains("overriddenBlockers"))
                .anySatisfy(d -> assertThat(d).contains("voluntary"))
                .anySatisfy(d -> assertThat(d).contains("(422)", "ACTIVE_LEGAL_HOLD"));
    }

    @Test
    void tasklistsSubmitFormTakesOnlyTheFormsFields() throws Exception {
        UUID caseId = caseInReview(BlockerCode.ACTIVE_LEGAL_HOLD);
        Task review = openTask(caseId, "UserTask_LegalReview");
        CamundaWebSession tasklist = CamundaWebSession.tasklist("http://localhost:" + port, "reviewer1", "reviewer1");

        Map<String, Object> variables = proceed();
        variables.put("blocked", Map.of("value", false, "type", "Boolean"));
        HttpResponse<String> refused = tasklist.postToEngine("/task/" + review.getId() + "/submit-form",
                JSON.writeValueAsString(Map.of("variables", variables)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(JSON.readTree(refused.body()).at("/errors/0/field").asText()).isEqualTo("variables.blocked");

        HttpResponse<String> proceed = tasklist.postToEngine("/task/" + review.getId() + "/submit-form",
                JSON.writeValueAsString(Map.of("variables", proceed())));
        assertThat(proceed.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(proceed.body()).at("/message").asText()).contains("ACTIVE_LEGAL_HOLD");

        assertThat(openTask(caseId, "UserTask_LegalReview").getId()).isEqualTo(review.getId());
        assertThat(services.sent(BookSeat.class, caseId)).isEmpty();
        assertThat(history(caseId, "TASK_COMPLETION_REFUSED")).hasSize(2)
                .allSatisfy(line -> assertThat(line.get("actor")).isEqualTo("reviewer1"));
    }

    @Test
    void anOperatorCanReadACaseButNotRewriteIt() {
        UUID caseId = caseInReview(BlockerCode.VALID_RESIDENCE_PERMIT);
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId.toString())
                .singleResult().getId();

        assertThat(engine("operator1", HttpMethod.GET, "/process-instance/" + instanceId, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(engine("operator1", HttpMethod.GET, "/history/process-instance/" + instanceId, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<String> variable = engine("operator1", HttpMethod.PUT, "/process-instance/" + instanceId
                + "/variables/voluntary", Map.of("value", true, "type", "Boolean"));
        ResponseEntity<String> modification = engine("operator1", HttpMethod.POST, "/process-instance/" + instanceId
                + "/modification", Map.of("skipCustomListeners", true, "instructions",
                List.of(Map.of("type", "startBeforeActivity", "activityId", "Gateway_JoinBooking"))));
        ResponseEntity<String> message = engine("operator1", HttpMethod.POST, "/message", Map.of(
                "messageName", "LegalHoldLifted", "businessKey", caseId.toString()));

        assertThat(variable.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(modification.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertProblem(message, HttpStatus.FORBIDDEN);
        assertThat(runtime.getVariable(instanceId, "voluntary")).isNull();
        assertThat(services.sent(BookSeat.class, caseId)).isEmpty();
        assertThat(openTask(caseId, "UserTask_LegalReview")).isNotNull();
        assertThat(history(caseId, "ENGINE_ACCESS_REFUSED")).hasSize(3)
                .allSatisfy(line -> assertThat(line.get("actor")).isEqualTo("operator1"))
                .extracting(line -> (String) line.get("detail"))
                .anySatisfy(d -> assertThat(d).contains("/variables/voluntary"))
                .anySatisfy(d -> assertThat(d).contains("/modification"))
                .anySatisfy(d -> assertThat(d).contains("/message", "LegalHoldLifted"));

        // No human user correlates, not even the administrator.
        assertProblem(engine("admin", HttpMethod.POST, "/message", Map.of("messageName", "LegalHoldLifted",
                "businessKey", caseId.toString())), HttpStatus.FORBIDDEN);
        assertProblem(engine("admin", HttpMethod.POST, "/signal", Map.of("name", "anything")), HttpStatus.FORBIDDEN);
    }

    @Test
    void aReviewerCannotWorkASupervisorsApproval() {
        UUID caseId = caseInReview(BlockerCode.VALID_RESIDENCE_PERMIT);
        Task review = openTask(caseId, "UserTask_LegalReview");
        assertThat(engine("reviewer1", HttpMethod.POST, "/task/" + review.getId() + "/complete",
                Map.of("variables", proceed())).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Task approval = await().atMost(WAIT).until(() -> openTask(caseId, "UserTask_SupervisorApproval"),
                java.util.Objects::nonNull);

        Map<String, Object> approve = new LinkedHashMap<>();
        approve.put("supervisorDecision", Map.of("value", "APPROVE"));
        approve.put("justification", Map.of("value", JUSTIFICATION));
        ResponseEntity<String> refused = engine("reviewer1", HttpMethod.POST, "/task/" + approval.getId() + "/complete",
                Map.of("variables", approve));

        assertThat(refused.getStatusCode().is4xxClientError()).isTrue();
        assertThat(services.sent(BookSeat.class, caseId)).isEmpty();
        assertThat(history(caseId, "ENGINE_ACCESS_REFUSED")).singleElement()
                .satisfies(line -> assertThat(line.get("actor")).isEqualTo("reviewer1"));

        // The supervisor, another user, approves: only then is the person booked.
        assertThat(engine("supervisor1", HttpMethod.POST, "/task/" + approval.getId() + "/complete",
                Map.of("variables", approve)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(WAIT).until(() -> !services.sent(BookSeat.class, caseId).isEmpty());
    }

    @Test
    void aTaskQueryCarryingAnExpressionIsRefused() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("reviewer1", "reviewer1");
        ResponseEntity<String> adHoc = http.exchange(java.net.URI.create(http.getRootUri()
                        + "/engine-rest/task?maxResults=50&assigneeExpression=%24%7BcurrentUser()%7D"), HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        assertThat(adHoc.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(adHoc.getBody()).contains("xpression");
    }

    @Test
    void anAdministratorsChangeToACaseIsWrittenToItsHistory() {
        UUID caseId = caseInReview(BlockerCode.ACTIVE_LEGAL_HOLD);
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId.toString())
                .singleResult().getId();

        assertThat(engine("admin", HttpMethod.PUT, "/process-instance/" + instanceId + "/variables/note",
                Map.of("value", "checked by the duty officer", "type", "String")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(history(caseId, "ENGINE_OPERATION")).anySatisfy(line -> {
            assertThat(line.get("actor")).isEqualTo("admin");
            assertThat((String) line.get("detail")).contains("SetVariable");
        });
    }

    // ----

    /** A case stopped in legal review by the blocker detention reports for the person. */
    private UUID caseInReview(BlockerCode blocker) {
        UUID detaineeId = UUID.randomUUID();
        services.blockOn(detaineeId, blocker);
        HttpHeaders headers = TestClient.REMOVAL_OPERATIONS.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> opened = http.exchange("/api/removal-cases", HttpMethod.POST,
                new HttpEntity<>(Map.of("detaineeId", detaineeId, "destinationCountry", "IRN"), headers), Map.class);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        UUID caseId = UUID.fromString((String) opened.getBody().get("caseId"));
        await().atMost(WAIT).until(() -> openTask(caseId, "UserTask_LegalReview") != null);
        return caseId;
    }

    private Task openTask(UUID caseId, String taskKey) {
        return tasks.createTaskQuery().processInstanceBusinessKey(caseId.toString()).taskDefinitionKey(taskKey)
                .singleResult();
    }

    private static Map<String, Object> proceed() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("decision", Map.of("value", "PROCEED"));
        variables.put("justification", Map.of("value", JUSTIFICATION));
        return variables;
    }

    /** A call to /engine-rest as an engine user (HTTP basic; local passwords are the user ids, admin's is admin). */
    private ResponseEntity<String> engine(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/engine-rest" + path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static void assertProblem(ResponseEntity<String> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static JsonNode json(ResponseEntity<String> response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private Map<String, Object> getCase(UUID caseId) {
        ResponseEntity<Map> response = http.exchange("/api/removal-cases/" + caseId, HttpMethod.GET,
                new HttpEntity<>(TestClient.REMOVAL_OPERATIONS.headers()), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(UUID caseId, String kind) {
        return ((List<Map<String, Object>>) getCase(caseId).get("history")).stream()
                .filter(h -> kind.equals(h.get("kind"))).toList();
    }
}
