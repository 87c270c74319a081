package org.returnflow.workflow;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.consent.ConsentDeclined;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.workflow.CaseStateChanged;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.returnflow.workflow.domain.CaseRecords;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operation of five people whose cases went five ways, on real PostgreSQL and Kafka with the
 * services played by {@link FakeServices}; then the case list's filters and the operation report,
 * checked against what each case really did:
 * <ul>
 *   <li>{@code removed}: consented, booked, notified, boarded, handed over: REMOVED;</li>
 *   <li>{@code declined}: declined consent, which IRN does not require: REMOVED, not voluntary;</li>
 *   <li>{@code held}: an appeal pending from the start: LEGAL_REVIEW, never booked;</li>
 *   <li>{@code heldAfterBooking}: notified, then a hold was placed: the seat released, LEGAL_REVIEW;</li>
 *   <li>{@code notified}: notified, the manifest not yet locked: NOTIFIED, holding its seat.</li>
 * </ul>
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationReportIT {

    private static final Duration CASE_RUN = Duration.ofSeconds(180);
    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;

    @Autowired
    TestRestTemplate http;
    @Autowired
    CaseRecords caseRecords;
    @Autowired
    JdbcTemplate jdbc;

    FakeServices services;
    CloudEventSender detention;
    CloudEventSender consent;

    final UUID removed = UUID.randomUUID();
    final UUID declined = UUID.randomUUID();
    final UUID held = UUID.randomUUID();
    final UUID heldAfterBooking = UUID.randomUUID();
    final UUID notified = UUID.randomUUID();
    final Map<UUID, UUID> caseOf = new HashMap<>();
    String operationId;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void playTheOperation() {
        String kafka = Infrastructure.get().kafkaBootstrapServers();
        services = new FakeServices(kafka);
        detention = new CloudEventSender(kafka, "/returnflow/detention-service");
        consent = new CloudEventSender(kafka, "/returnflow/consent-service");
        services.holdOn(held);
        // the consent officer answers this one; the flight does not lock the manifest for these two
        services.answerManually(m -> m instanceof RequestConsent r && r.detaineeId().equals(declined));
        services.answerManually(m -> m instanceof CaseStateChanged c
                && (c.detaineeId().equals(notified) || c.detaineeId().equals(heldAfterBooking)));

        ResponseEntity<Map> accepted = exchange(HttpMethod.POST, "/api/removal-operations", AGENCY, Map.of("name", "IRN-2026-07",
                "destinationCountry", "IRN", "detaineeIds", List.of(removed, declined, held, heldAfterBooking, notified)));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        operationId = (String) accepted.getBody().get("operationId");
        for (Map<String, Object> c : (List<Map<String, Object>>) accepted.getBody().get("cases")) {
            caseOf.put(UUID.fromString((String) c.get("detaineeId")), UUID.fromString((String) c.get("caseId")));
        }

        await().atMost(CASE_RUN).until(() -> !services.sent(RequestConsent.class, caseOf.get(declined)).isEmpty());
        FakeServices.Sent<RequestConsent> request = services.sent(RequestConsent.class, caseOf.get(declined)).get(0);
        consent.send(new ConsentDeclined(caseOf.get(declined), UUID.randomUUID(), declined, "officer-3", Instant.now(),
                request.requestId()));

        await().atMost(CASE_RUN).until(() -> "NOTIFIED".equals(state(heldAfterBooking)));
        services.holdOn(heldAfterBooking);
        detention.send(new LegalHoldPlaced(null, heldAfterBooking, UUID.randomUUID(), LegalHoldKind.STAY_OF_REMOVAL, Instant.now()));

        await().atMost(CASE_RUN).until(() -> Map.of("REMOVED", 2, "LEGAL_REVIEW", 2, "NOTIFIED", 1)
                .equals(get("/api/removal-operations/" + operationId, AGENCY).get("byState")));
        // the process tells the records where detention holds each person (CaseRecords.facilityDescribed);
        // here the people of the holds were moved to LA-JENA since
        caseRecords.facilityDescribed(caseOf.get(held), "LA-JENA");
        caseRecords.facilityDescribed(caseOf.get(heldAfterBooking), "LA-JENA");
        for (UUID person : List.of(removed, declined, notified)) {
            caseRecords.facilityDescribed(caseOf.get(person), "LA-ASF");
        }
    }

    @AfterAll
    void stopTheServices() {
        detention.close();
        consent.close();
        services.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theListFindsCasesByStateFlightBlockerAndFacility() {
        String all = "/api/removal-cases?operationId=" + operationId;
        assertThat(caseIds(all + "&size=100")).containsExactlyInAnyOrderElementsOf(caseOf.values());
        assertThat(caseIds(all + "&state=LEGAL_REVIEW")).containsExactlyInAnyOrder(caseOf.get(held), caseOf.get(heldAfterBooking));
        assertThat(caseIds(all + "&blocker=ACTIVE_LEGAL_HOLD")).containsExactlyInAnyOrder(caseOf.get(held), caseOf.get(heldAfterBooking));
        assertThat(caseIds(all + "&flightId=" + services.flightId))
                .containsExactlyInAnyOrder(caseOf.get(removed), caseOf.get(declined), caseOf.get(notified));
        assertThat(caseIds(all + "&facility=LA-JENA")).containsExactlyInAnyOrder(caseOf.get(held), caseOf.get(heldAfterBooking));
        assertThat(caseIds(all + "&state=NOTIFIED&facility=LA-ASF")).containsExactly(caseOf.get(notified));
        assertThat(caseIds(all + "&blocker=VALID_RESIDENCE_PERMIT")).isEmpty();
        // a client limited to LA-JENA sees only the cases held there
        assertThat(caseIds(all, AGENCY.atFacilities("LA-JENA"))).containsExactlyInAnyOrder(caseOf.get(held), caseOf.get(heldAfterBooking));

        Map<String, Object> page = get(all + "&size=2&page=1", AGENCY);
        assertThat(page).containsEntry("totalElements", 5).containsEntry("totalPages", 3);
        ResponseEntity<Map> bad = exchange(HttpMethod.GET, all + "&blocker=HOLD", AGENCY, null);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        Map<String, Object> operations = get("/api/removal-operations?size=100", AGENCY);
        assertThat((List<Map<String, Object>>) operations.get("content")).anySatisfy(o -> assertThat(o)
                .containsEntry("id", operationId).containsEntry("total", 5));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportCountsWhatTheCasesDidAndEverySafeguardHeld() {
        Map<String, Object> report = get("/api/removal-operations/" + operationId + "/report", AGENCY);

        Map<String, Object> cases = (Map<String, Object>) report.get("cases");
        assertThat(cases).containsEntry("total", 5).containsEntry("open", 3).containsEntry("ended", 2);
        assertThat((Map<String, Object>) cases.get("byState")).containsEntry("REMOVED", 2).containsEntry("LEGAL_REVIEW", 2)
                .containsEntry("NOTIFIED", 1).containsEntry("BOOKED", 0);

        Map<String, Object> voluntariness = (Map<String, Object>) report.get("voluntariness");
        assertThat(voluntariness).containsEntry("voluntary", 3).containsEntry("notVoluntary", 1).containsEntry("notDecided", 1)
                .containsEntry("throughInterpreter", 3);
        assertThat((Map<String, Object>) voluntariness.get("byStanding")).isEqualTo(Map.of("GIVEN", 3, "DECLINED", 1));

        assertThat((List<Map<String, Object>>) report.get("blockers")).singleElement().satisfies(b -> assertThat(b)
                .containsEntry("code", "ACTIVE_LEGAL_HOLD").containsEntry("cases", 2).containsEntry("openNow", 2)
                .containsEntry("overridden", 0).containsEntry("nowByState", Map.of("LEGAL_REVIEW", 2)));

        assertThat((List<Map<String, Object>>) report.get("manifests")).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("flightId", services.flightId.toString()).containsEntry("flightNumber", "RF101")
                .containsEntry("route", "AEX-DOH-IKA").containsEntry("status", "LOCKED")
                .containsEntry("casesBooked", 4).containsEntry("heldNow", 3).containsEntry("boarded", 2)
                .containsEntry("handedOver", 2).containsEntry("released", Map.of("LEGAL_HOLD_PLACED", 1)));

        Map<String, Object> notices = (Map<String, Object>) report.get("notices");
        assertThat(notices).containsEntry("requested", 12).containsEntry("delivered", 12).containsEntry("failed", 0)
                .containsEntry("awaiting", 0).containsEntry("peopleNotInTheirLanguage", 0);
        assertThat((Map<String, Object>) notices.get("byRecipient")).containsOnlyKeys("DETAINEE", "COUNSEL", "CONSULATE");
        assertThat((List<Map<String, Object>>) notices.get("languages")).extracting(l -> l.get("recipientType") + " "
                + l.get("locale") + " " + l.get("delivered")).containsExactlyInAnyOrder("CONSULATE fa 4", "COUNSEL en 4", "DETAINEE fa 4");

        List<Map<String, Object>> safeguards = (List<Map<String, Object>>) report.get("safeguards");
        assertThat(safeguards).extracting(s -> s.get("rule")).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10");
        assertThat(safeguards).allSatisfy(s -> assertThat(s).as(String.valueOf(s)).containsEntry("status", "OK")
                .containsEntry("violationCount", 0));
        Map<String, String> checked = safeguards.stream().collect(Collectors.toMap(s -> (String) s.get("rule"), s -> (String) s.get("checked")));
        assertThat(checked.get("S1")).startsWith("2 cases met an active legal hold; 1 holds came while a seat was held, "
                + "1 of those seats released before boarding");
        assertThat(checked.get("S3")).startsWith("3 voluntary cases").contains("(3 through an interpreter)");
        assertThat(checked.get("S4")).startsWith("3 seats held after notice or boarded: 9 notices");
        assertThat(checked.get("S5")).startsWith("2 boarded");
        assertThat(checked.get("S9")).startsWith("2 boarded").contains("0 offloaded");
        assertThat(checked.get("S7")).contains("at most 4 seats of this operation held at once").contains("12 notices delivered, none twice");
        assertThat(checked.get("S8")).startsWith("5 case histories");
        assertThat((List<String>) report.get("notVisible")).hasSize(4);

        Integer reads = jdbc.queryForObject("select count(*) from audit_entry where subject_type = 'RemovalOperationReport' "
                + "and subject_id = ? and principal = 'removal-operations' and action = 'READ'", Integer.class, operationId);
        assertThat(reads).isPositive();
    }

    @Test
    void aFacilityScopedReaderGetsTheReportOfItsFacilitiesOnly() {
        Map<String, Object> report = get("/api/removal-operations/" + operationId + "/report", AGENCY.atFacilities("LA-JENA"));

        assertThat(report.get("facilities")).isEqualTo(List.of("LA-JENA"));
        assertThat(((Map<?, ?>) report.get("cases")).get("total")).isEqualTo(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> manifests = (List<Map<String, Object>>) report.get("manifests");
        assertThat(manifests).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("heldNow", 0).containsEntry("casesBooked", 1));
    }

    @Test
    void theReportAsCsvAndPdfThroughHttpAndAPartnerMustSayWhy() throws Exception {
        String path = "/api/removal-operations/" + operationId + "/report";
        HttpHeaders csvHeaders = AGENCY.headers();
        csvHeaders.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        ResponseEntity<byte[]> csv = http.exchange(path, HttpMethod.GET, new HttpEntity<>(csvHeaders), byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("section,item,measure,value\r\n").contains("\r\ncases,REMOVED,count,2\r\n")
                .contains("\r\nsafeguards,S1,status,OK\r\n").contains("\r\nmanifests,RF101 " + services.flightId + ",boarded,2\r\n");

        ResponseEntity<byte[]> pdf = http.exchange(path + "?format=pdf", HttpMethod.GET, new HttpEntity<>(AGENCY.headers()), byte[].class);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Return operation report: IRN-2026-07",
                    "Every safeguard held.", "S4  OK", "RF101   AEX-DOH-IKA");
        }

        ResponseEntity<Map> withoutPurpose = exchange(HttpMethod.GET, path, TestClient.PARTNER_MONITOR, null);
        assertThat(withoutPurpose.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutPurpose.getBody().toString()).contains("purpose");
        assertThat(exchange(HttpMethod.GET, path + "?purpose=monitoring", TestClient.PARTNER_MONITOR, null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where subject_id = ? and action = 'PARTNER_READ' "
                + "and purpose = 'monitoring'", Integer.class, operationId)).isEqualTo(1);
        assertThat(exchange(HttpMethod.GET, "/api/removal-operations/" + UUID.randomUUID() + "/report", AGENCY, null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // ----

    @SuppressWarnings("unchecked")
    private Set<UUID> caseIds(String path, TestClient client) {
        return ((List<Map<String, Object>>) get(path, client).get("content")).stream()
                .map(c -> UUID.fromString((String) c.get("caseId"))).collect(Collectors.toSet());
    }

    private Set<UUID> caseIds(String path) {
        return caseIds(path, AGENCY);
    }

    private String state(UUID person) {
        return (String) get("/api/removal-cases/" + caseOf.get(person), AGENCY).get("state");
    }

    private Map<String, Object> get(String path, TestClient client) {
        ResponseEntity<Map> answer = exchange(HttpMethod.GET, path, client, null);
        assertThat(answer.getStatusCode()).as(path + ": " + answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private ResponseEntity<Map> exchange(HttpMethod method, String path, TestClient client, Object body) {
        HttpHeaders headers = client.headers();
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }
}
