package org.returnflow.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.flight.MonitorAssigned;
import org.returnflow.contracts.flight.MonitorUnassigned;
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
import org.springframework.jdbc.core.JdbcTemplate;
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
 * Independent monitors, as flight-service announces them on a real broker: a SERIOUS finding opens a
 * review for the supervisors in Tasklist (once, whatever comes again), whose answer is the form's
 * only and goes into the case history; and a monitor reads the cases on the flights it is assigned
 * to, and nothing else.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;

    FakeServices services;
    CloudEventSender flight;
    @Autowired
    JdbcTemplate jdbc;

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
        // the same finding again, under another event id: still one review, one finding on record
        String again = flight.send(finding).getId();
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from processed_message where message_id = ?",
                Integer.class, again) == 1);
        assertThat(kinds(caseId)).filteredOn("MONITORING_FINDING_REPORTED"::equals).hasSize(1);
        assertThat(reviews(caseId)).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from monitoring_finding where case_id = ?", Integer.class, caseId))
                .isEqualTo(1);
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

    @Test
    void aMonitorReadsTheCasesOnItsFlightOnlyWhileAssigned() {
        TestClient monitor = TestClient.RETURN_MONITOR;
        TestClient otherMonitor = new TestClient("other-monitor", java.util.Set.of("cases:monitor"), List.of(), true);
        UUID caseId = UUID.fromString((String) post("/api/removal-cases", Map.of("detaineeId", UUID.randomUUID(),
                "destinationCountry", "IRN")).getBody().get("caseId"));
        await().atMost(WAIT).until(() -> "REMOVED".equals(getCase(caseId).get("state")));
        // a monitor is a partner: its reads state their purpose, which the audit keeps
        String path = "/api/monitoring/flights/" + services.flightId + "/cases?purpose=return-monitoring";
        assertThat(asMonitor(monitor, path).getStatusCode()).as("not assigned yet").isEqualTo(HttpStatus.NOT_FOUND);

        Instant assignedAt = Instant.now();
        flight.send(new MonitorAssigned(services.flightId, monitor.id(), assignedAt));
        await().atMost(WAIT).untilAsserted(() -> {
            ResponseEntity<Map> seen = asMonitor(monitor, path);
            assertThat(seen.getStatusCode()).as("%s", seen.getBody()).isEqualTo(HttpStatus.OK);
        });
        Map<String, Object> view = asMonitor(monitor, path).getBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) view.get("cases");
        assertThat(cases).anySatisfy(c -> {
            assertThat(c).containsOnlyKeys("caseId", "state", "voluntary", "consent", "openBlockers", "holdsSeat",
                    "createdAt", "endedAt");
            assertThat(c).containsEntry("caseId", caseId.toString()).containsEntry("state", "REMOVED");
        });
        assertThat((List<?>) view.get("safeguards")).hasSize(10);

        // another monitor, another flight, a token without the monitor scope: nothing
        assertThat(asMonitor(otherMonitor, path).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(asMonitor(monitor, "/api/monitoring/flights/" + UUID.randomUUID() + "/cases?purpose=return-monitoring").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(asMonitor(AGENCY, path).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // a flight id that is not one: a problem naming it, not an error page
        ResponseEntity<Map> malformed = asMonitor(monitor, "/api/monitoring/flights/CHARTER-1/cases?purpose=return-monitoring");
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(malformed.getBody().toString()).contains("flightId");
        assertThat(asMonitor(monitor, "/api/removal-cases/" + caseId + "?purpose=return-monitoring").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // unassigned: nothing more; an assignment older than that, arriving late, changes nothing
        flight.send(new MonitorUnassigned(services.flightId, monitor.id(), assignedAt.plusSeconds(60)));
        await().atMost(WAIT).until(() -> asMonitor(monitor, path).getStatusCode() == HttpStatus.NOT_FOUND);
        flight.send(new MonitorAssigned(services.flightId, monitor.id(), assignedAt.plusSeconds(30)));
        flight.send(new MonitorAssigned(services.flightId, otherMonitor.id(), assignedAt.plusSeconds(30)));
        await().atMost(WAIT).until(() -> asMonitor(otherMonitor, path).getStatusCode() == HttpStatus.OK);
        assertThat(asMonitor(monitor, path).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // ----

    private ResponseEntity<Map> asMonitor(TestClient client, String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(client.headers()), Map.class);
    }

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
