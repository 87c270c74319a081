package org.returnflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A court's remedy for a wrong removal, through the case API and the engine's REST API as an
 * agency and an operator use them, on a real engine on PostgreSQL: the order starts
 * {@code return-facilitation} with its tasks for the owner, the removal's history stays as it was,
 * and what a misbehaving caller sends is refused with a problem that names the field, leaving
 * nothing written.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemedyOrderIT {

    private static final Duration CASE_RUN = Duration.ofSeconds(120);
    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;

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
    void aRemedyForARemovedPersonStartsTheirReturnAndLeavesTheRemovalAsItWas() throws Exception {
        UUID caseId = removed();
        int removalHistory = history(caseId).size();

        ResponseEntity<Map> ordered = post("/api/removal-cases/" + caseId + "/remedy-orders", order());

        assertThat(ordered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String remedyId = (String) ordered.getBody().get("remedyId");
        assertThat(ordered.getHeaders().getLocation()).hasToString("/api/remedy-orders/" + remedyId);
        assertThat(ordered.getBody()).containsEntry("caseId", caseId.toString()).containsEntry("status", "OPEN")
                .containsEntry("owner", "operator1").containsEntry("reportEveryDays", 14)
                .containsEntry("orderedBy", AGENCY.id());

        List<Task> arrangements = tasks.createTaskQuery().processInstanceBusinessKey(remedyId).list();
        assertThat(arrangements).extracting(Task::getName).containsExactlyInAnyOrder("Contact the consulate",
                "Obtain a travel document", "Arrange the flight back");
        assertThat(arrangements).allSatisfy(t -> assertThat(t.getAssignee()).isEqualTo("operator1"));

        // The operator sees the tasks in the engine's API, as Tasklist does.
        ResponseEntity<String> visible = engine("operator1", HttpMethod.GET, "/task?processInstanceBusinessKey=" + remedyId
                + "&firstResult=0&maxResults=10", null);
        assertThat(visible.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(visible.getBody())).hasSize(3);

        // A second order for the same removal, while the first is open, is refused.
        ResponseEntity<Map> again = post("/api/removal-cases/" + caseId + "/remedy-orders", order());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) again.getBody().get("detail")).contains("already has an open remedy " + remedyId);

        Map<String, Object> remedy = get("/api/remedy-orders/" + remedyId);
        assertThat(remedy).containsEntry("court", "U.S. District Court for the Western District of Louisiana")
                .containsEntry("reference", "6:26-cv-01234");
        assertThat(kinds(remedy)).containsExactly("REMEDY_ORDERED");
        assertThat(getList("/api/removal-cases/" + caseId + "/remedy-orders")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("remedyId", remedyId));

        assertThat(history(caseId)).as("the removal's history stays as it was").hasSize(removalHistory);
        assertThat(get("/api/removal-cases/" + caseId)).containsEntry("state", "REMOVED");
    }

    @Test
    void anOperatorCompletesATaskWithTheFormsFieldsOnlyAndItsAnswerGoesToTheRemedysHistory() throws Exception {
        UUID caseId = removed();
        String remedyId = (String) post("/api/removal-cases/" + caseId + "/remedy-orders", order()).getBody().get("remedyId");
        Task consulate = tasks.createTaskQuery().processInstanceBusinessKey(remedyId).taskName("Contact the consulate")
                .singleResult();

        // More than the form asks for: refused before the engine sees it.
        Map<String, Object> extra = new HashMap<>(Map.of("consulateReference", Map.of("value", "IRN-CONS-17")));
        extra.put("owner", Map.of("value", "operator2"));
        ResponseEntity<String> forged = engine("operator1", HttpMethod.POST, "/task/" + consulate.getId() + "/complete",
                Map.of("variables", extra));
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(forged.getBody()).at("/errors/0/field").asText()).isEqualTo("variables.owner");

        // The form's field, but not a reference: the form's own rule holds on the server too.
        ResponseEntity<String> freeText = engine("operator1", HttpMethod.POST, "/task/" + consulate.getId() + "/complete",
                Map.of("variables", Map.of("consulateReference", Map.of("value", "called Mr. Smith at the consulate"))));
        assertThat(freeText.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(JSON.readTree(freeText.getBody()).at("/detail").asText()).contains("must match");
        assertThat(tasks.createTaskQuery().taskId(consulate.getId()).count()).as("the task stays open").isEqualTo(1);

        ResponseEntity<String> done = engine("operator1", HttpMethod.POST, "/task/" + consulate.getId() + "/complete",
                Map.of("variables", Map.of("consulateReference", Map.of("value", "IRN-CONS-2026/17"))));
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        List<Map<String, Object>> lines = historyLines(get("/api/remedy-orders/" + remedyId));
        assertThat(lines).extracting(l -> l.get("kind")).containsExactly("REMEDY_ORDERED", "TASK_COMPLETION_REFUSED",
                "TASK_COMPLETION_REFUSED", "TASK_COMPLETED");
        assertThat(lines.get(3)).containsEntry("actor", "operator1")
                .containsEntry("detail", "'Contact the consulate': caseId=" + caseId + "; consulateReference=IRN-CONS-2026/17");
    }

    @Test
    void anOrderThatCannotBeCarriedOutIsRefusedAndLeavesNothingWritten() {
        UUID caseId = removed();
        Map<String, Object> bad = new HashMap<>(order());
        bad.put("court", "");
        bad.put("reference", "docket number unknown");
        bad.put("dueDate", LocalDate.now().minusDays(1).toString());
        bad.put("reportEveryDays", 0);
        ResponseEntity<Map> invalid = post("/api/removal-cases/" + caseId + "/remedy-orders", bad);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fields(invalid)).contains("court", "reference", "dueDate", "reportEveryDays");

        Map<String, Object> noOperator = new HashMap<>(order());
        noOperator.put("owner", "reviewer1");
        ResponseEntity<Map> notAnOperator = post("/api/removal-cases/" + caseId + "/remedy-orders", noOperator);
        assertThat(notAnOperator.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(notAnOperator)).containsExactly("owner");
        assertThat(jdbc.queryForObject("select count(*) from remedy_order where case_id = ?", Long.class, caseId)).isZero();

        // A case that was not removed gets no remedy: there is nobody to bring back.
        UUID inReview = UUID.randomUUID();
        services.holdOn(inReview);
        String reviewCase = (String) post("/api/removal-cases", Map.of("detaineeId", inReview, "destinationCountry", "IRN"))
                .getBody().get("caseId");
        await().atMost(CASE_RUN).until(() -> "LEGAL_REVIEW".equals(get("/api/removal-cases/" + reviewCase).get("state")));
        ResponseEntity<Map> notRemoved = post("/api/removal-cases/" + reviewCase + "/remedy-orders", order());
        assertThat(notRemoved.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) notRemoved.getBody().get("detail")).contains("is LEGAL_REVIEW");

        assertThat(post("/api/removal-cases/" + UUID.randomUUID() + "/remedy-orders", order()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // Reading cases does not let a client order a remedy; a partner reads none.
        HttpHeaders readOnly = AGENCY.withScopes("cases:read").headers();
        readOnly.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/api/removal-cases/" + caseId + "/remedy-orders", HttpMethod.POST,
                new HttpEntity<>(order(), readOnly), Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        String remedyId = (String) post("/api/removal-cases/" + caseId + "/remedy-orders", order()).getBody().get("remedyId");
        assertThat(http.exchange("/api/remedy-orders/" + remedyId, HttpMethod.GET,
                new HttpEntity<>(TestClient.PARTNER_MONITOR.headers()), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.exchange("/api/remedy-orders?status=LOST", HttpMethod.GET,
                new HttpEntity<>(AGENCY.headers()), Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("/api/remedy-orders?status=OPEN&size=100").get("content")).asList()
                .anySatisfy(r -> assertThat((Map<String, Object>) r).containsEntry("remedyId", remedyId));

        // A client of another facility neither sees the remedy nor counts it; one of the person's facility does.
        Map<String, Object> elsewhere = http.exchange("/api/remedy-orders?size=100", HttpMethod.GET,
                new HttpEntity<>(AGENCY.atFacilities("LA-JENA").headers()), Map.class).getBody();
        assertThat(elsewhere.get("content")).asList().isEmpty();
        assertThat(elsewhere).containsEntry("totalElements", 0);
        Map<String, Object> held = http.exchange("/api/remedy-orders?status=OPEN&size=100", HttpMethod.GET,
                new HttpEntity<>(AGENCY.atFacilities("LA-ASF").headers()), Map.class).getBody();
        assertThat(held.get("content")).asList()
                .anySatisfy(r -> assertThat((Map<String, Object>) r).containsEntry("remedyId", remedyId));
        assertThat(((Number) held.get("totalElements")).intValue()).isEqualTo(((List<?>) held.get("content")).size());
    }

    // ----

    private UUID removed() {
        ResponseEntity<Map> opened = post("/api/removal-cases", Map.of("detaineeId", UUID.randomUUID(),
                "destinationCountry", "IRN"));
        UUID caseId = UUID.fromString((String) opened.getBody().get("caseId"));
        await().atMost(CASE_RUN).until(() -> "REMOVED".equals(get("/api/removal-cases/" + caseId).get("state")));
        return caseId;
    }

    private static Map<String, Object> order() {
        return Map.of("court", "U.S. District Court for the Western District of Louisiana", "reference", "6:26-cv-01234",
                "dueDate", LocalDate.now().plusDays(60).toString(), "owner", "operator1");
    }

    private ResponseEntity<Map> post(String path, Object body) {
        return api().post(path, body);
    }

    private Map<String, Object> get(String path) {
        return api().get(path);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> getList(String path) {
        ResponseEntity<List> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(AGENCY.headers()), List.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<String> engine(String user, HttpMethod method, String path, Object body) {
        return api().engine(user, method, path, body);
    }

    private List<Map<String, Object>> history(UUID caseId) {
        return api().history(caseId);
    }

    private CaseApiCalls api() {
        return new CaseApiCalls(http, AGENCY);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> historyLines(Map<String, Object> remedy) {
        return (List<Map<String, Object>>) remedy.get("history");
    }

    private static List<Object> kinds(Map<String, Object> remedy) {
        return historyLines(remedy).stream().map(h -> h.get("kind")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(ResponseEntity<Map> problem) {
        return ((List<Map<String, Object>>) problem.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }
}
