package org.returnflow.workflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.detention.DetaineeRecordChanged;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.ReleaseSeat;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agency controls its cases through the case API, on a real engine on PostgreSQL and a real
 * broker: withdraw and suspend release the seat through the process, resume starts the case again,
 * cancelling an operation withdraws each of its cases, and a record change that may block makes the
 * case verify its eligibility at once. Bad input and the wrong state are problems; the case history
 * names who asked and why.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseControlIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    org.returnflow.workflow.messaging.DepartureReverifications reverifications;

    FakeServices services;
    CloudEventSender detention;

    @BeforeAll
    void startTheServices() {
        String kafka = Infrastructure.get().kafkaBootstrapServers();
        services = new FakeServices(kafka);
        // Notices stay undelivered, so a booked case waits in BOOKED for the test.
        services.answerManually(SendNotification.class);
        detention = new CloudEventSender(kafka, "/returnflow/detention-service");
    }

    @AfterAll
    void stopTheServices() {
        services.close();
        detention.close();
    }

    @Test
    void anAgencyWithdrawsABookedCaseAndItsSeatIsReleased() {
        UUID caseId = booked(UUID.randomUUID());

        ResponseEntity<Map> withdrawn = post("/api/removal-cases/" + caseId + "/withdraw", Map.of("reason", "COURT_ORDER"));

        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(WAIT).until(() -> "WITHDRAWN".equals(getCase(caseId).get("state")));
        assertThat(services.sent(ReleaseSeat.class, caseId)).singleElement()
                .satisfies(s -> assertThat(s.command().reason()).isEqualTo("AGENCY_COURT_ORDER"));
        assertThat(services.sent(ReleaseFromOperation.class, caseId)).singleElement()
                .satisfies(s -> assertThat(s.command().reasonCode()).isEqualTo("AGENCY_COURT_ORDER"));
        assertThat(getCase(caseId).get("flightId")).isNull();
        assertThat(history(caseId, "WITHDRAWAL_REQUESTED")).singleElement().satisfies(h -> {
            assertThat(h.get("actor")).isEqualTo(AGENCY.id());
            assertThat(h.get("detail")).isEqualTo("reason=COURT_ORDER");
        });

        // Once withdrawn, the case cannot be withdrawn or suspended again.
        ResponseEntity<Map> again = post("/api/removal-cases/" + caseId + "/withdraw", Map.of("reason", "COURT_ORDER"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) again.getBody().get("detail")).contains("is WITHDRAWN");
    }

    @Test
    void aSuspendedCaseHoldsNoSeatAndIsBookedAgainOnlyAfterItIsResumed() {
        UUID caseId = booked(UUID.randomUUID());

        assertThat(post("/api/removal-cases/" + caseId + "/suspend", Map.of("reason", "MEDICAL_REVIEW")).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(WAIT).until(() -> "SUSPENDED".equals(getCase(caseId).get("state")));
        assertThat(services.sent(ReleaseSeat.class, caseId)).singleElement()
                .satisfies(s -> assertThat(s.command().reason()).isEqualTo("SUSPENDED_MEDICAL_REVIEW"));
        assertThat(getCase(caseId).get("flightId")).isNull();
        assertThat(post("/api/removal-cases/" + caseId + "/suspend", Map.of("reason", "MEDICAL_REVIEW")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        assertThat(post("/api/removal-cases/" + caseId + "/resume", Map.of("reason", "CLEARED")).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(WAIT).until(() -> "BOOKED".equals(getCase(caseId).get("state")));
        assertThat(services.sent(BookSeat.class, caseId)).hasSize(2);
        assertThat(services.sent(AssessEligibility.class, caseId)).hasSize(2);
        assertThat(post("/api/removal-cases/" + caseId + "/resume", Map.of("reason", "CLEARED")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void cancellingAnOperationWithdrawsEachOfItsCases() {
        UUID inReview = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        services.holdOn(inReview);
        ResponseEntity<Map> opened = post("/api/removal-operations", Map.of("name", "IRN-CANCEL-01",
                "destinationCountry", "IRN", "detaineeIds", List.of(inReview, free)));
        String operationId = (String) opened.getBody().get("operationId");
        await().atMost(WAIT).until(() -> Map.of("LEGAL_REVIEW", 1, "BOOKED", 1)
                .equals(get("/api/removal-operations/" + operationId).get("byState")));

        ResponseEntity<Map> cancelled = post("/api/removal-operations/" + operationId + "/cancel",
                Map.of("reason", "CHARTER_CANCELLED"));

        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) cancelled.getBody().get("cases")).hasSize(2)
                .allSatisfy(c -> assertThat(c.get("status")).isEqualTo("WITHDRAWN"));
        await().atMost(WAIT).until(() -> Map.of("WITHDRAWN", 2)
                .equals(get("/api/removal-operations/" + operationId).get("byState")));
    }

    @Test
    void aRecordChangeThatMayBlockMakesTheCaseVerifyItsEligibilityAtOnce() {
        UUID detaineeId = UUID.randomUUID();
        UUID caseId = booked(detaineeId);
        services.blockOn(detaineeId, BlockerCode.NOT_IN_CUSTODY);

        detention.send(new DetaineeRecordChanged(caseId, detaineeId, DetaineeRecordChange.CUSTODY_RELEASED, true,
                UUID.randomUUID(), "RELIEF_GRANTED", Instant.now()));

        await().atMost(WAIT).until(() -> "LEGAL_REVIEW".equals(getCase(caseId).get("state")));
        assertThat(services.sent(AssessEligibility.class, caseId)).extracting(s -> s.command().stage())
                .containsExactly(EligibilityStage.INITIAL, EligibilityStage.REVERIFY);
        assertThat(services.sent(ReleaseSeat.class, caseId)).singleElement()
                .satisfies(s -> assertThat(s.command().reason()).isEqualTo("NEW_BLOCKER_NOT_IN_CUSTODY"));
        assertThat(history(caseId, "REVERIFICATION_REQUESTED")).singleElement()
                .satisfies(h -> assertThat((String) h.get("detail")).contains("CUSTODY_RELEASED"));

        // A change that cannot create a blocker is history only.
        detention.send(new DetaineeRecordChanged(caseId, detaineeId, DetaineeRecordChange.COUNSEL_CHANGED, false,
                null, null, Instant.now()));
        await().atMost(WAIT).until(() -> !history(caseId, "DETAINEE_RECORD_CHANGED").isEmpty());
        assertThat(services.sent(AssessEligibility.class, caseId)).hasSize(2);
    }

    @Test
    void aHoldThatNoEventReportedIsFoundByTheVerificationBeforeDeparture() {
        UUID detaineeId = UUID.randomUUID();
        UUID caseId = booked(detaineeId);
        // Detention now knows of a hold whose LegalHoldPlaced never reached the workflow.
        services.holdOn(detaineeId);

        // The flight leaves in 70 hours: the T-72 h verification is due.
        jdbc.update("update case_seat set departure_at = now() + interval '70 hours' where case_id = ?", caseId);
        reverifications.nudge();

        await().atMost(WAIT).until(() -> "LEGAL_REVIEW".equals(getCase(caseId).get("state")));
        assertThat(services.sent(AssessEligibility.class, caseId)).extracting(s -> s.command().stage())
                .containsExactly(EligibilityStage.INITIAL, EligibilityStage.REVERIFY);
        assertThat(services.sent(ReleaseSeat.class, caseId)).singleElement()
                .satisfies(s -> assertThat(s.command().reason()).isEqualTo("NEW_BLOCKER_ACTIVE_LEGAL_HOLD"));
        assertThat(history(caseId, "REVERIFICATION_REQUESTED")).singleElement()
                .satisfies(h -> assertThat((String) h.get("detail")).startsWith("T72H before the departure"));
        // Once per threshold and departure.
        reverifications.nudge();
        assertThat(jdbc.queryForObject("select count(*) from case_reverification where case_id = ?", Integer.class,
                caseId)).isEqualTo(1);
    }

    @Test
    void badInputAndUnknownCasesAreProblemsNamingTheField() {
        UUID unknown = UUID.randomUUID();
        ResponseEntity<Map> notACode = post("/api/removal-cases/" + unknown + "/withdraw", Map.of("reason", "court order"));
        assertThat(notACode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notACode.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(notACode.getBody().get("errors")).asList().singleElement()
                .satisfies(e -> assertThat(((Map<?, ?>) e).get("field")).isEqualTo("reason"));

        assertThat(post("/api/removal-cases/" + unknown + "/withdraw", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/removal-cases/" + unknown + "/withdraw", Map.of("reason", "COURT_ORDER")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("/api/removal-operations/" + unknown + "/cancel", Map.of("reason", "COURT_ORDER")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // Reading cases does not let a client control them.
        HttpHeaders readOnly = TestClient.REMOVAL_OPERATIONS.withScopes("cases:read").headers();
        readOnly.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/api/removal-cases/" + unknown + "/withdraw", HttpMethod.POST,
                new HttpEntity<>(Map.of("reason", "COURT_ORDER"), readOnly), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    // ----

    /** A case of this person, booked and waiting for its notices. */
    private UUID booked(UUID detaineeId) {
        ResponseEntity<Map> opened = post("/api/removal-cases", Map.of("detaineeId", detaineeId, "destinationCountry", "IRN"));
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        UUID caseId = UUID.fromString((String) opened.getBody().get("caseId"));
        await().atMost(WAIT).until(() -> "BOOKED".equals(getCase(caseId).get("state")));
        return caseId;
    }

    private ResponseEntity<Map> post(String path, Object body) {
        HttpHeaders headers = AGENCY.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    private Map<String, Object> get(String path) {
        ResponseEntity<Map> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(AGENCY.headers()), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private Map<String, Object> getCase(UUID caseId) {
        return get("/api/removal-cases/" + caseId);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(UUID caseId, String kind) {
        return ((List<Map<String, Object>>) getCase(caseId).get("history")).stream()
                .filter(h -> kind.equals(h.get("kind"))).toList();
    }
}
