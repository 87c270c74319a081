package org.returnflow.workflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.workflow.CaseStateChanged;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.returnflow.testkit.TopicProbe;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workflow end to end on real PostgreSQL and Kafka, with the four services played by
 * {@link FakeServices}: a case opened through the API runs the whole process, from the description
 * of the person to the handover, and ends REMOVED.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemovalCaseIT {

    private static final Duration CASE_RUN = Duration.ofSeconds(120);
    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;

    @Autowired
    TestRestTemplate http;

    FakeServices services;
    TopicProbe caseEvents;

    @BeforeAll
    void startTheServices() {
        services = new FakeServices(Infrastructure.get().kafkaBootstrapServers());
        caseEvents = TopicProbe.on(Topics.WORKFLOW_EVENTS);
    }

    @AfterAll
    void stopTheServices() {
        caseEvents.close();
        services.close();
    }

    @Test
    void aCaseOpenedThroughTheApiReachesRemoved() {
        UUID detaineeId = UUID.randomUUID();

        ResponseEntity<Map> opened = post("/api/removal-cases",
                Map.of("detaineeId", detaineeId, "destinationCountry", "IRN"));
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String caseId = (String) opened.getBody().get("caseId");
        assertThat(opened.getHeaders().getLocation()).hasToString("/api/removal-cases/" + caseId);

        await().atMost(CASE_RUN).until(() -> "REMOVED".equals(getCase(caseId).get("state")));

        Map<String, Object> removed = getCase(caseId);
        assertThat(removed).containsEntry("detaineeId", detaineeId.toString())
                .containsEntry("voluntary", true)
                .containsEntry("flightId", services.flightId.toString())
                .containsEntry("blockers", List.of());
        assertThat(removed.get("endedAt")).isNotNull();
        // DetaineeRemoved answers RecordRemoval after the case ended; it still joins the history.
        await().atMost(CASE_RUN).until(() -> kinds(getCase(caseId)).contains("DETAINEE_REMOVED"));
        assertThat(kinds(getCase(caseId))).contains("CASE_OPENED", "DETAINEE_DESCRIBED", "ELIGIBILITY_ASSESSED",
                "CONSENT_GIVEN", "SEAT_BOOKED", "NOTIFICATION_DELIVERED", "MANIFEST_LOCKED", "PASSENGER_BOARDED",
                "HANDOVER_CONFIRMED", "DETAINEE_REMOVED").doesNotContain("MESSAGE_PARKED");
        assertThat(kinds(getCase(caseId))).filteredOn("NOTIFICATION_DELIVERED"::equals).hasSize(3);

        List<ReceivedEvent> changes = caseEvents.await(e -> caseId.equals(e.subject()), 8, Duration.ofSeconds(30));
        assertThat(changes).allSatisfy(e -> assertThat(e.schemaErrors()).isEmpty());
        assertThat(changes.stream().map(e -> e.data(CaseStateChanged.class).state().name()).toList())
                .containsExactly("OPEN", "ELIGIBILITY_CHECK", "AWAITING_CONSENT", "AWAITING_SEAT", "BOOKED", "NOTIFIED",
                        "BOARDED", "REMOVED");
        assertThat(changes.get(7).data(CaseStateChanged.class).previousState().name()).isEqualTo("BOARDED");

        assertThat(services.commandsReceived()).contains("DescribeDetainee", "AssessEligibility", "RequestConsent",
                "BookSeat", "SendNotification", "RecordRemoval");
        assertThat(services.contractErrors()).isEmpty();
        // The services hold the person's records under the facility detention described (LA-ASF), so
        // that each shows them to that facility's clients only.
        UUID id = UUID.fromString(caseId);
        assertThat(services.sent(RequestConsent.class, id)).extracting(c -> c.command().facilityCode()).containsOnly("LA-ASF");
        assertThat(services.sent(BookSeat.class, id)).extracting(c -> c.command().facilityCode()).containsOnly("LA-ASF");
        assertThat(services.sent(SendNotification.class, id)).isNotEmpty()
                .extracting(c -> c.command().facilityCode()).containsOnly("LA-ASF");
    }

    @Test
    void aSecondOpenCaseForTheSamePersonIsRefusedWith409() {
        UUID detaineeId = UUID.randomUUID();
        services.holdOn(detaineeId);
        Map<String, Object> request = Map.of("detaineeId", detaineeId, "destinationCountry", "IRN");

        assertThat(post("/api/removal-cases", request).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> second = post("/api/removal-cases", request);

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(second.getBody().get("errors")).asList().singleElement()
                .satisfies(error -> assertThat(((Map<?, ?>) error).get("field")).isEqualTo("detaineeId"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOperationStartsItsCasesInTheBackgroundAndCountsThemByState() {
        UUID alreadyOpen = UUID.randomUUID();
        UUID heldOne = UUID.randomUUID();
        UUID heldTwo = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        UUID alsoFree = UUID.randomUUID();
        services.holdOn(alreadyOpen, heldOne, heldTwo);
        String openCaseId = (String) post("/api/removal-cases",
                Map.of("detaineeId", alreadyOpen, "destinationCountry", "IRN")).getBody().get("caseId");

        ResponseEntity<Map> accepted = post("/api/removal-operations", Map.of("name", "IRN-2026-01",
                "destinationCountry", "IRN", "detaineeIds", List.of(alreadyOpen, heldOne, heldTwo, free, alsoFree)));

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String operationId = (String) accepted.getBody().get("operationId");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) accepted.getBody().get("cases");
        assertThat(cases).extracting(c -> c.get("status"))
                .containsExactly("REFUSED_OPEN_CASE", "ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED");
        assertThat(cases.get(0)).containsEntry("detaineeId", alreadyOpen.toString()).containsEntry("caseId", openCaseId);

        await().atMost(CASE_RUN).until(() -> Map.of("LEGAL_REVIEW", 2, "REMOVED", 2)
                .equals(get("/api/removal-operations/" + operationId).get("byState")));
        Map<String, Object> operation = get("/api/removal-operations/" + operationId);
        assertThat(operation).containsEntry("name", "IRN-2026-01").containsEntry("destinationCountry", "IRN")
                .containsEntry("total", 4);
        Map<String, Object> inReview = get("/api/removal-cases?operationId=" + operationId + "&state=LEGAL_REVIEW");
        assertThat(inReview).containsEntry("totalElements", 2);
    }

    /**
     * A partner reads a case's state, flight and dates, and nothing else: exactly these fields, on the
     * case and in the list, whatever the case holds (blockers with their records, a history with the
     * services' details). A removed case has them all; a case in legal review has no flight and no end.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aPartnerReadsStateFlightAndDatesAndNothingElse() {
        UUID removedPerson = UUID.randomUUID();
        UUID heldPerson = UUID.randomUUID();
        services.holdOn(heldPerson);
        String removed = (String) post("/api/removal-cases",
                Map.of("detaineeId", removedPerson, "destinationCountry", "IRN")).getBody().get("caseId");
        String held = (String) post("/api/removal-cases",
                Map.of("detaineeId", heldPerson, "destinationCountry", "IRN")).getBody().get("caseId");
        await().atMost(CASE_RUN).until(() -> "REMOVED".equals(getCase(removed).get("state"))
                && "LEGAL_REVIEW".equals(getCase(held).get("state")));
        assertThat(getCase(held).get("blockers")).asList().isNotEmpty();
        assertThat(kinds(getCase(held))).isNotEmpty();

        Map<String, Object> partnerRemoved = asPartner("/api/removal-cases/" + removed + "?purpose=monitoring");
        assertThat(partnerRemoved.keySet())
                .containsExactlyInAnyOrder("caseId", "state", "flightId", "createdAt", "updatedAt", "endedAt");
        assertThat(partnerRemoved).containsEntry("state", "REMOVED")
                .containsEntry("flightId", services.flightId.toString());
        Map<String, Object> partnerHeld = asPartner("/api/removal-cases/" + held + "?purpose=monitoring");
        assertThat(partnerHeld.keySet()).containsExactlyInAnyOrder("caseId", "state", "createdAt", "updatedAt");

        List<Map<String, Object>> listed = (List<Map<String, Object>>) asPartner(
                "/api/removal-cases?state=LEGAL_REVIEW&size=100&purpose=monitoring").get("content");
        assertThat(listed).isNotEmpty().allSatisfy(c -> assertThat(c.keySet()).isSubsetOf("caseId", "state",
                "flightId", "createdAt", "updatedAt", "endedAt").contains("caseId", "state", "createdAt", "updatedAt"));
        assertThat(listed).anySatisfy(c -> assertThat(c).containsEntry("caseId", held));

        // filtering by blocker would tell a partner what blocks each case
        ResponseEntity<Map> byBlocker = http.exchange("/api/removal-cases?blocker=VALID_RESIDENCE_PERMIT&purpose=monitoring",
                HttpMethod.GET, new HttpEntity<>(TestClient.PARTNER_MONITOR.headers()), Map.class);
        assertThat(byBlocker.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byBlocker.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /**
     * Object level fails closed: the person is held at LA-ASF (DetaineeDescribed); a client of LA-JENA
     * and a token without the {@code facilities} claim get 404 for the case and do not find it in a
     * list or an operation's report, whatever they filter by; a client of LA-ASF reads it.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aClientOfAnotherFacilityOrWithoutTheClaimCannotSeeTheCase() {
        UUID person = UUID.randomUUID();
        services.holdOn(person);
        String caseId = (String) post("/api/removal-cases", Map.of("detaineeId", person, "destinationCountry", "IRN"))
                .getBody().get("caseId");
        await().atMost(CASE_RUN).until(() -> "LEGAL_REVIEW".equals(getCase(caseId).get("state"))
                && "LA-ASF".equals(getCase(caseId).get("facilityCode")));

        for (TestClient outsider : List.of(AGENCY.atFacilities("LA-JENA"), AGENCY.withoutFacilities())) {
            ResponseEntity<Map> read = http.exchange("/api/removal-cases/" + caseId, HttpMethod.GET,
                    new HttpEntity<>(outsider.headers()), Map.class);
            assertThat(read.getStatusCode()).as("%s", outsider.facilities()).isEqualTo(HttpStatus.NOT_FOUND);
            for (String list : List.of("/api/removal-cases?size=100", "/api/removal-cases?facility=LA-ASF&size=100",
                    "/api/removal-cases?state=LEGAL_REVIEW&size=100")) {
                Map<String, Object> page = http.exchange(list, HttpMethod.GET, new HttpEntity<>(outsider.headers()),
                        Map.class).getBody();
                assertThat(((List<Map<String, Object>>) page.get("content")).stream().map(c -> c.get("caseId")))
                        .as("%s %s", outsider.facilities(), list).doesNotContain(caseId);
            }
            ResponseEntity<Map> withdraw = http.exchange("/api/removal-cases/" + caseId + "/withdraw", HttpMethod.POST,
                    new HttpEntity<>(Map.of("reason", "OUTSIDER"), jsonHeaders(outsider)), Map.class);
            assertThat(withdraw.getStatusCode()).as("withdraw by %s", outsider.facilities())
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
        ResponseEntity<Map> held = http.exchange("/api/removal-cases/" + caseId, HttpMethod.GET,
                new HttpEntity<>(AGENCY.atFacilities("LA-ASF").headers()), Map.class);
        assertThat(held.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(getCase(caseId)).containsEntry("state", "LEGAL_REVIEW");
    }

    // ----

    private static HttpHeaders jsonHeaders(TestClient client) {
        HttpHeaders headers = client.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private Map<String, Object> asPartner(String path) {
        ResponseEntity<Map> response = http.exchange(path, HttpMethod.GET,
                new HttpEntity<>(TestClient.PARTNER_MONITOR.headers()), Map.class);
        assertThat(response.getStatusCode()).as("%s: %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
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

    private Map<String, Object> getCase(String caseId) {
        return get("/api/removal-cases/" + caseId);
    }

    @SuppressWarnings("unchecked")
    private static List<String> kinds(Map<String, Object> removalCase) {
        return ((List<Map<String, Object>>) removalCase.get("history")).stream()
                .map(h -> (String) h.get("kind")).toList();
    }
}
