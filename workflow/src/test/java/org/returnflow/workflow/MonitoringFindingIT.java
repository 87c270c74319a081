package org.returnflow.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.flight.MonitoringFindingReported;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An independent monitor's SERIOUS finding, as flight-service publishes it on a real broker, opens a
 * review for the supervisors in Tasklist; the same finding again opens nothing more; the review takes
 * the form's answer only, and both the finding and the answer are in the case history.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringFindingIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;

    FakeServices services;
    CloudEventSender flight;

    @BeforeAll
    void startTheServices() {
        String kafka = Infrastructure.get().kafkaBootstrapServers();
        services = new FakeServices(kafka);
        flight = new CloudEventSender(kafka, "/returnflow/flight-service");
    }

    @AfterAll
    void stopTheServices() {
        services.close();
        flight.close();
    }

    @Test
    void aSeriousFindingOpensOneReviewForTheSupervisorsAndItsAnswerGoesToTheCaseHistory() throws Exception {
        UUID caseId = UUID.fromString((String) post("/api/removal-cases", Map.of("detaineeId", UUID.randomUUID(),
                "destinationCountry", "IRN")).getBody().get("caseId"));
        await().atMost(WAIT).until(() -> "REMOVED".equals(getCase(caseId).get("state")));
        MonitoringFindingReported finding = new MonitoringFindingReported(caseId, services.flightId, UUID.randomUUID(),
                UUID.randomUUID(), "independent-monitor", "RESTRAINT_DISPROPORTIONATE", "SERIOUS", Instant.now());

        flight.send(finding);
        Task review = await().atMost(WAIT).until(() -> reviews(caseId).stream().findFirst().orElse(null), t -> t != null);
        // the same finding again, under another event id: still one review
        flight.send(finding);
        await().atMost(WAIT).until(() -> kinds(caseId).stream().filter("MONITORING_FINDING_REPORTED"::equals).count() == 1
                && reviews(caseId).size() == 1);
        assertThat(history(caseId, "MONITORING_FINDING_REPORTED")).singleElement().satisfies(line -> {
            assertThat(line.get("actor")).isEqualTo("independent-monitor");
            assertThat((String) line.get("detail")).startsWith("RESTRAINT_DISPROPORTIONATE (SERIOUS) on flight " + services.flightId);
        });

        // a reviewer is no supervisor: the engine does not let them complete it
        assertThat(engine("reviewer1", "/task/" + review.getId() + "/complete", Map.of("outcome",
                Map.of("value", "NO_FURTHER_ACTION"), "reviewReference", Map.of("value", "OVS-1"))).getStatusCode().is4xxClientError())
                .isTrue();
        // more than the form asks for
        Map<String, Object> extra = new HashMap<>(Map.of("outcome", Map.of("value", "NO_FURTHER_ACTION"),
                "reviewReference", Map.of("value", "OVS-2026-0042")));
        extra.put("caseState", Map.of("value", "WITHDRAWN"));
        ResponseEntity<String> forged = engine("supervisor1", "/task/" + review.getId() + "/complete", extra);
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(forged.getBody()).at("/errors/0/field").asText()).isEqualTo("variables.caseState");

        ResponseEntity<String> done = engine("supervisor1", "/task/" + review.getId() + "/complete",
                Map.of("outcome", Map.of("value", "REFERRED_TO_OVERSIGHT"), "reviewReference", Map.of("value", "OVS-2026-0042")));
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(reviews(caseId)).isEmpty();
        assertThat(history(caseId, "TASK_COMPLETED")).anySatisfy(line -> {
            assertThat(line.get("actor")).isEqualTo("supervisor1");
            assertThat((String) line.get("detail")).startsWith("'Review the monitor's serious finding'")
                    .contains("findingCode=RESTRAINT_DISPROPORTIONATE", "outcome=REFERRED_TO_OVERSIGHT",
                            "reviewReference=OVS-2026-0042");
        });
        assertThat(getCase(caseId)).as("the case itself is not changed by the review").containsEntry("state", "REMOVED");
    }

    // ----

    private List<Task> reviews(UUID caseId) {
        return tasks.createTaskQuery().processDefinitionKey("monitoring-finding-review")
                .processInstanceBusinessKey(caseId.toString()).list();
    }

    private ResponseEntity<Map> post(String path, Object body) {
        return api().post(path, body);
    }

    private Map<String, Object> getCase(UUID caseId) {
        return api().getCase(caseId);
    }

    private List<Map<String, Object>> history(UUID caseId, String kind) {
        return api().history(caseId, kind);
    }

    private List<String> kinds(UUID caseId) {
        return api().history(caseId).stream().map(h -> (String) h.get("kind")).toList();
    }

    private ResponseEntity<String> engine(String user, String path, Map<String, Object> variables) {
        return api().engine(user, HttpMethod.POST, path, Map.of("variables", variables));
    }

    private CaseApiCalls api() {
        return new CaseApiCalls(http, AGENCY);
    }
}
