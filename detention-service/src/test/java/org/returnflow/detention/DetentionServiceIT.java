package org.returnflow.detention;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeReleasedFromOperation;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.platform.messaging.CloudEventDispatcher;
import org.returnflow.testkit.CloudEventSender;
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
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The detention-service on real PostgreSQL and Kafka: HTTP as an agency calls it, commands as the
 * workflow sends them, events as a partner reads them, each checked against its contract schema.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DetentionServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String GIVEN_NAME = "Dariush";
    private static final String FAMILY_NAME = "Karimi";
    private static final LocalDate TODAY = LocalDate.now();
    /** A departure inside the residence permit. */
    private static final LocalDate DEPARTURE = TODAY.plusDays(30);
    /** The last day of the residence permit. */
    private static final LocalDate PERMIT_ENDS = DEPARTURE.plusDays(10);

    private static final java.util.concurrent.atomic.AtomicInteger PEOPLE = new java.util.concurrent.atomic.AtomicInteger();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloudEventDispatcher dispatcher;

    @AfterAll
    static void closeSender() {
        TestBrokerSender.close();
    }

    private static CloudEventSender sender() {
        return TestBrokerSender.get();
    }

    // ---- HTTP helpers --------------------------------------------------------------------------

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, TestClient client) {
        return new DetentionHttp(http).call(method, path, body, client);
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return call(HttpMethod.POST, path, body, TestClient.DETENTION_AGENCY);
    }

    private ResponseEntity<JsonNode> get(String path) {
        return call(HttpMethod.GET, path, null, TestClient.DETENTION_AGENCY);
    }

    /**
     * The same name and date of birth every time, with a numbered family name: one person registered
     * twice would be refused as a duplicate (409).
     */
    private static Map<String, Object> registration(String nationality) {
        return DetentionHttp.registration(GIVEN_NAME, FAMILY_NAME + " " + PEOPLE.incrementAndGet(),
                LocalDate.parse("1990-06-15"), nationality, "LA-JENA");
    }

    /** Registers a person with a final order, a passport, a fit-to-fly clearance and a permit until PERMIT_ENDS. */
    private UUID registerRemovableWithPermit() {
        ResponseEntity<JsonNode> created = post("/api/detainees", registration("IRN"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("caseNumber").asText()).matches("RF-\\d{4}-\\d{6}");
        UUID id = UUID.fromString(created.getBody().get("id").asText());
        assertThat(post("/api/detainees/" + id + "/travel-documents", Map.of("kind", "PASSPORT", "number", "P7788",
                "issuingCountry", "IRN", "validUntil", TODAY.plusYears(3).toString())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/detainees/" + id + "/medical-clearances", Map.of("fitToFly", true,
                "assessedOn", TODAY.toString(), "validUntil", TODAY.plusMonths(6).toString())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/detainees/" + id + "/residence-permits", Map.of("type", "TEMPORARY", "number", "RP-1",
                "validFrom", TODAY.minusYears(1).toString(), "validUntil", PERMIT_ENDS.toString())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private static List<String> codes(JsonNode eligibility) {
        return eligibility.get("blockers").findValuesAsText("code");
    }

    private static void assertValidAndNameless(ReceivedEvent event) {
        assertThat(event.schemaErrors()).as("schema errors of %s", event.type()).isEmpty();
        assertThat(event.json()).doesNotContain(GIVEN_NAME, FAMILY_NAME, "1990-06-15");
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    void eligibilityOverHttpFollowsThePermitAndTheHold() {
        UUID id = registerRemovableWithPermit();

        JsonNode insidePermit = get("/api/detainees/" + id + "/eligibility?destination=IRN&on=" + DEPARTURE).getBody();
        assertThat(insidePermit.get("eligible").asBoolean()).isFalse();
        assertThat(codes(insidePermit)).containsExactly("VALID_RESIDENCE_PERMIT");

        JsonNode afterPermit = get("/api/detainees/" + id + "/eligibility?destination=IRN&on="
                + PERMIT_ENDS.plusDays(1)).getBody();
        assertThat(afterPermit.get("eligible").asBoolean()).isTrue();
        assertThat(codes(afterPermit)).isEmpty();

        ResponseEntity<JsonNode> hold = post("/api/detainees/" + id + "/legal-holds",
                Map.of("kind", "APPEAL", "reference", "A-555-101"));
        assertThat(hold.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode held = get("/api/detainees/" + id + "/eligibility?destination=IRN&on=" + PERMIT_ENDS.plusDays(1))
                .getBody();
        assertThat(codes(held)).containsExactly("ACTIVE_LEGAL_HOLD");

        JsonNode toPanama = get("/api/detainees/" + id + "/eligibility?destination=PAN&on=" + PERMIT_ENDS.plusDays(1)
                + "&stage=FINAL").getBody();
        assertThat(codes(toPanama)).containsExactly("ACTIVE_LEGAL_HOLD");
    }

    @Test
    void assessEligibilityCommandGetsEligibilityAssessedWithTheRightBlockers() {
        UUID id = registerRemovableWithPermit();
        UUID caseId = UUID.randomUUID();

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            String requestId = sender().send(new AssessEligibility(caseId, id, "IRN", DEPARTURE,
                    EligibilityStage.INITIAL)).getId();
            ReceivedEvent reply = events.awaitOne("returnflow.detention.EligibilityAssessed.v1", caseId.toString(), WAIT);

            assertValidAndNameless(reply);
            // The reply names the command it answers, so the workflow can match it to its wait.
            assertThat(reply.data(EligibilityAssessed.class).requestId()).hasToString(requestId);
            assertThat(reply.key()).isEqualTo(caseId.toString());
            EligibilityAssessed assessed = reply.data(EligibilityAssessed.class);
            assertThat(assessed.eligible()).isFalse();
            assertThat(assessed.stage()).isEqualTo(EligibilityStage.INITIAL);
            assertThat(assessed.onDate()).isEqualTo(DEPARTURE);
            assertThat(assessed.blockers()).extracting(Blocker::code)
                    .containsExactly(BlockerCode.VALID_RESIDENCE_PERMIT);

            UUID vietnamese = UUID.fromString(post("/api/detainees", registration("VNM")).getBody().get("id").asText());
            UUID otherCase = UUID.randomUUID();
            sender().send(new AssessEligibility(otherCase, vietnamese, "PAN", DEPARTURE, EligibilityStage.FINAL));
            EligibilityAssessed panama = events.awaitOne("returnflow.detention.EligibilityAssessed.v1",
                    otherCase.toString(), WAIT).data(EligibilityAssessed.class);
            assertThat(panama.blockers()).extracting(Blocker::code).containsExactly(BlockerCode.NO_TRAVEL_DOCUMENT,
                    BlockerCode.NOT_FIT_TO_FLY, BlockerCode.THIRD_COUNTRY_NOT_AGREED);
        }
        assertThat(get("/api/detainees/" + id).getBody().get("openCaseId").asText()).isEqualTo(caseId.toString());
    }

    @Test
    void theSameCommandDeliveredTwiceGivesOneEvent() {
        UUID id = registerRemovableWithPermit();
        UUID caseId = UUID.randomUUID();
        AssessEligibility command = new AssessEligibility(caseId, id, "IRN", PERMIT_ENDS.plusDays(1),
                EligibilityStage.INITIAL);
        String messageId = UUID.randomUUID().toString();
        long duplicatesBefore = dispatcher.duplicateCount();

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            sender().send(command, messageId);
            sender().send(command, messageId);

            ReceivedEvent reply = events.awaitOne("returnflow.detention.EligibilityAssessed.v1", caseId.toString(), WAIT);
            assertThat(reply.data(EligibilityAssessed.class).eligible()).isTrue();
            await().atMost(WAIT).until(() -> dispatcher.duplicateCount() > duplicatesBefore);
            assertThat(events.settle(e -> caseId.toString().equals(e.subject()), Duration.ofSeconds(2))).hasSize(1);
        }
    }

    @Test
    void describeDetaineeGetsCodesAndDatesOrUnknown() {
        UUID id = registerRemovableWithPermit();
        UUID caseId = UUID.randomUUID();
        UUID nobody = UUID.randomUUID();
        UUID nobodysCase = UUID.randomUUID();

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            UUID describeRequest = UUID.fromString(sender().send(new DescribeDetainee(caseId, id)).getId());
            UUID unknownRequest = UUID.fromString(sender().send(new DescribeDetainee(nobodysCase, nobody)).getId());

            ReceivedEvent described = events.awaitOne("returnflow.detention.DetaineeDescribed.v1", caseId.toString(),
                    WAIT);
            assertValidAndNameless(described);
            assertThat(described.json()).doesNotContain("counsel.karimi@law.example");
            assertThat(described.data(DetaineeDescribed.class)).isEqualTo(new DetaineeDescribed(caseId, id, "IRN", "fa",
                    TODAY.minusMonths(3), "LA-JENA", CustodyStatus.IN_CUSTODY, true, describeRequest));

            ReceivedEvent unknown = events.awaitOne("returnflow.detention.DetaineeUnknown.v1", nobodysCase.toString(),
                    WAIT);
            assertValidAndNameless(unknown);
            assertThat(unknown.data(DetaineeUnknown.class).detaineeId()).isEqualTo(nobody);
            assertThat(unknown.data(DetaineeUnknown.class).requestId()).isEqualTo(unknownRequest);
        }
    }

    @Test
    void placingAndLiftingAHoldPublishesEventsForTheOpenCase() {
        UUID id = registerRemovableWithPermit();
        UUID caseId = UUID.randomUUID();

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            sender().send(new DescribeDetainee(caseId, id));
            events.awaitOne("returnflow.detention.DetaineeDescribed.v1", caseId.toString(), WAIT);

            UUID holdId = UUID.fromString(post("/api/detainees/" + id + "/legal-holds",
                    Map.of("kind", "STAY_OF_REMOVAL", "reference", "S-2026-9")).getBody().get("id").asText());
            ReceivedEvent placed = events.awaitOne("returnflow.detention.LegalHoldPlaced.v1", caseId.toString(), WAIT);
            assertValidAndNameless(placed);
            assertThat(placed.data(LegalHoldPlaced.class).holdId()).isEqualTo(holdId);

            ResponseEntity<JsonNode> lifted = post("/api/detainees/" + id + "/legal-holds/" + holdId + "/lift",
                    Map.of("reason", "Stay vacated by the court"));
            assertThat(lifted.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(lifted.getBody().get("liftedBy").asText()).isEqualTo("detention-agency");
            ReceivedEvent liftedEvent = events.awaitOne("returnflow.detention.LegalHoldLifted.v1", caseId.toString(),
                    WAIT);
            assertValidAndNameless(liftedEvent);
            assertThat(liftedEvent.data(LegalHoldLifted.class).holdId()).isEqualTo(holdId);

            ResponseEntity<JsonNode> again = post("/api/detainees/" + id + "/legal-holds/" + holdId + "/lift",
                    Map.of("reason", "Again"));
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        JsonNode hold = get("/api/detainees/" + id).getBody().get("legalHolds").get(0);
        assertThat(hold.get("liftReason").asText()).isEqualTo("Stay vacated by the court");
        assertThat(hold.get("active").asBoolean()).isFalse();
    }

    @Test
    void aHoldOnAPersonWithoutAnOpenCaseIsKeyedByTheDetainee() {
        UUID id = registerRemovableWithPermit();
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            post("/api/detainees/" + id + "/legal-holds", Map.of("kind", "ASYLUM_CLAIM", "reference", "AC-1"));
            ReceivedEvent placed = events.awaitOne("returnflow.detention.LegalHoldPlaced.v1", id.toString(), WAIT);
            assertValidAndNameless(placed);
            assertThat(placed.data(LegalHoldPlaced.class).caseId()).isNull();
        }
    }

    @Test
    void registrationHandsTheNoticeAddressesToNotificationOnly() {
        UUID id;
        try (TopicProbe commands = TopicProbe.on(Topics.NOTIFICATION_COMMANDS)) {
            id = registerRemovableWithPermit();
            List<ReceivedEvent> contacts = commands.await(e -> id.toString().equals(e.key()), 2, WAIT);

            contacts.forEach(e -> assertThat(e.schemaErrors()).isEmpty());
            assertThat(contacts).extracting(e -> e.data(RegisterContact.class)).containsExactlyInAnyOrder(
                    new RegisterContact(id, RecipientType.DETAINEE, "notices.la-jena@ice.example", "fa"),
                    new RegisterContact(id, RecipientType.COUNSEL, "counsel.karimi@law.example", "en"));
        }
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            assertThat(events.poll()).noneMatch(e -> e.json().contains("@"));
        }
    }

    @Test
    void recordRemovalEndsCustodyAndHandsOverProperty() {
        UUID id = registerRemovableWithPermit();
        UUID itemId = UUID.fromString(post("/api/detainees/" + id + "/property",
                Map.of("description", "Passport and wallet", "kind", "ID_DOCUMENT")).getBody().get("id").asText());
        assertThat(post("/api/detainees/" + id + "/property/" + itemId + "/packed", null).getBody()
                .get("status").asText()).isEqualTo("PACKED");
        UUID caseId = UUID.randomUUID();
        UUID flightId = UUID.randomUUID();

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            sender().send(new RecordRemoval(caseId, id, flightId));
            ReceivedEvent removed = events.awaitOne("returnflow.detention.DetaineeRemoved.v1", caseId.toString(), WAIT);
            assertValidAndNameless(removed);
            assertThat(removed.data(DetaineeRemoved.class).flightId()).isEqualTo(flightId);
        }
        JsonNode record = get("/api/detainees/" + id).getBody();
        assertThat(record.get("custodyStatus").asText()).isEqualTo("REMOVED");
        assertThat(record.get("property").findValuesAsText("status")).containsExactly("HANDED_OVER");
        assertThat(codes(get("/api/detainees/" + id + "/eligibility?destination=IRN&on=" + PERMIT_ENDS.plusDays(1))
                .getBody())).containsExactly("NOT_IN_CUSTODY");
    }

    @Test
    void releaseFromOperationKeepsThePersonInCustodyAndForgetsTheCase() {
        UUID id = registerRemovableWithPermit();
        UUID caseId = UUID.randomUUID();

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            sender().send(new DescribeDetainee(caseId, id));
            events.awaitOne("returnflow.detention.DetaineeDescribed.v1", caseId.toString(), WAIT);
            sender().send(new ReleaseFromOperation(caseId, id, "LEGAL_REVIEW_WITHDRAWN"));
            ReceivedEvent released = events.awaitOne("returnflow.detention.DetaineeReleasedFromOperation.v1",
                    caseId.toString(), WAIT);
            assertValidAndNameless(released);
            assertThat(released.data(DetaineeReleasedFromOperation.class).reasonCode())
                    .isEqualTo("LEGAL_REVIEW_WITHDRAWN");
        }
        JsonNode record = get("/api/detainees/" + id).getBody();
        assertThat(record.get("custodyStatus").asText()).isEqualTo("IN_CUSTODY");
        assertThat(record.has("openCaseId")).isFalse();
    }

    @Test
    void aRejectedRegistrationStoresNothing() {
        long detainees = count("detainee");
        long outbox = count("outbox_message");
        long audit = count("audit_entry");

        ResponseEntity<JsonNode> refused = post("/api/detainees", registration("XYZ"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("nationality");

        Map<String, Object> unknownFacility = registration("IRN");
        unknownFacility.put("facilityCode", "TX-NOWHERE");
        ResponseEntity<JsonNode> refusedFacility = post("/api/detainees", unknownFacility);
        assertThat(refusedFacility.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusedFacility.getBody().get("errors").findValuesAsText("field")).containsExactly("facilityCode");

        assertThat(count("detainee")).isEqualTo(detainees);
        assertThat(count("outbox_message")).isEqualTo(outbox);
        assertThat(count("audit_entry")).isEqualTo(audit);
    }

    @Test
    void theAuditTrailShowsWhoChangedAndWhoLooked() {
        UUID id = registerRemovableWithPermit();
        ResponseEntity<JsonNode> partnerRead = call(HttpMethod.GET, "/api/detainees/" + id
                + "?purpose=return-monitoring", null, TestClient.PARTNER_MONITOR);
        assertThat(partnerRead.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(partnerRead.getBody().has("givenName")).isFalse();
        assertThat(partnerRead.getBody().has("dateOfBirth")).isFalse();
        get("/api/detainees/" + id);
        // A header naming someone else changes nothing: the principal comes from the token.
        HttpHeaders forged = TestClient.DETENTION_AGENCY.headers();
        forged.setContentType(MediaType.APPLICATION_JSON);
        forged.set("X-Actor", "someone-else");
        http.exchange("/api/detainees/" + id + "/property", HttpMethod.POST,
                new HttpEntity<>(Map.of("description", "Bag", "kind", "LUGGAGE"), forged), String.class);

        JsonNode trail = get("/api/audit?subject=" + id + "&size=100").getBody();

        List<String> lines = new java.util.ArrayList<>();
        trail.get("content").forEach(e -> lines.add(e.get("principal").asText() + " " + e.get("action").asText()
                + (e.has("purpose") ? " " + e.get("purpose").asText() : "")));
        assertThat(lines).contains("detention-agency REGISTERED", "detention-agency TRAVEL_DOCUMENT_ADDED",
                "detention-agency RESIDENCE_PERMIT_ADDED", "partner-monitor PARTNER_READ return-monitoring",
                "detention-agency READ", "detention-agency PROPERTY_ADDED");
        assertThat(trail.toString()).doesNotContain("someone-else", GIVEN_NAME, FAMILY_NAME);
        assertThat(call(HttpMethod.GET, "/api/audit?subject=" + id, null, TestClient.PARTNER_MONITOR).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/detainees/" + id, null,
                TestClient.DETENTION_AGENCY.atFacilities("LA-PINE")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** A list returns names, so every person on the page returned is an audited read of the caller. */
    @Test
    void everyPersonInAListReadIsAuditedForTheCaller() {
        UUID first = registerRemovableWithPermit();
        UUID second = registerRemovableWithPermit();
        JsonNode page = get("/api/detainees?nationality=IRN&status=IN_CUSTODY&size=100").getBody();
        List<String> returned = new java.util.ArrayList<>();
        page.get("content").forEach(d -> returned.add(d.get("id").asText()));
        assertThat(returned).contains(first.toString(), second.toString());

        for (UUID id : List.of(first, second)) {
            assertThat(jdbc.queryForList("select principal || ' ' || detail from audit_entry where subject_id = ? "
                    + "and action = 'READ'", String.class, id.toString()))
                    .contains("detention-agency one of " + returned.size() + " in a list");
        }
    }

    /**
     * The trail is hash-chained: it verifies, a row changed by SQL with the append-only trigger
     * disabled (as the table's owner can) is named exactly, and TRUNCATE is refused.
     */
    @Test
    void theAuditChainVerifiesNamesARowChangedBehindItsBackAndRefusesTruncate() {
        UUID id = registerRemovableWithPermit();
        long written = count("audit_entry");
        JsonNode intact = call(HttpMethod.GET, "/api/audit/verify", null, TestClient.AUDIT_VERIFIER).getBody();
        assertThat(intact.get("ok").asBoolean()).isTrue();
        assertThat(intact.get("verified").asLong()).isGreaterThanOrEqualTo(written);

        long row = jdbc.queryForObject("select id from audit_entry where subject_id = ? and action = 'REGISTERED'",
                Long.class, id.toString());
        String detail = jdbc.queryForObject("select detail from audit_entry where id = ?", String.class, row);
        tamper("update audit_entry set principal = 'someone-else' where id = " + row);
        try {
            JsonNode broken = call(HttpMethod.GET, "/api/audit/verify", null, TestClient.AUDIT_VERIFIER).getBody();
            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.at("/firstBrokenEntry/id").asLong()).isEqualTo(row);
            assertThat(broken.at("/firstBrokenEntry/expectedHash").asText())
                    .isNotEqualTo(broken.at("/firstBrokenEntry/actualHash").asText());
        } finally {
            tamper("update audit_entry set principal = 'detention-agency' where id = " + row);
        }
        assertThat(jdbc.queryForObject("select detail from audit_entry where id = ?", String.class, row)).isEqualTo(detail);
        assertThat(call(HttpMethod.GET, "/api/audit/verify", null, TestClient.AUDIT_VERIFIER).getBody()
                .get("ok").asBoolean()).isTrue();

        assertThatThrownBy(() -> jdbc.execute("truncate audit_entry"))
                .hasMessageContaining("append-only: TRUNCATE refused");
        assertThat(call(HttpMethod.GET, "/api/audit/verify", null, TestClient.DETENTION_AGENCY).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private void tamper(String sql) {
        jdbc.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete; " + sql
                + "; alter table audit_entry enable trigger audit_entry_no_update_or_delete");
    }

    @Test
    void theListIsPagedAndFilteredByFacilityClaim() {
        registerRemovableWithPermit();
        JsonNode all = get("/api/detainees?nationality=IRN&status=IN_CUSTODY&size=1").getBody();
        assertThat(all.get("content")).hasSize(1);
        assertThat(all.get("totalElements").asLong()).isGreaterThanOrEqualTo(1);

        JsonNode elsewhere = call(HttpMethod.GET, "/api/detainees", null,
                TestClient.DETENTION_AGENCY.atFacilities("LA-PINE")).getBody();
        assertThat(elsewhere.get("totalElements").asLong()).isZero();
    }

    @Test
    void aMinorIsBlockedUntilAGuardianInCustodyIsLinked() {
        UUID guardian = registerRemovableWithPermit();
        Map<String, Object> child = registration("IRN");
        child.put("dateOfBirth", TODAY.minusYears(10).toString());
        child.remove("counsel");
        UUID minor = UUID.fromString(post("/api/detainees", child).getBody().get("id").asText());
        String eligibility = "/api/detainees/" + minor + "/eligibility?destination=IRN&on=" + DEPARTURE;
        assertThat(codes(get(eligibility).getBody())).contains("UNACCOMPANIED_MINOR");

        ResponseEntity<JsonNode> adultAsWard = post("/api/detainees/" + guardian + "/guardian",
                Map.of("guardianId", minor.toString()));
        assertThat(adultAsWard.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(adultAsWard.getBody().get("errors").findValuesAsText("field")).containsExactly("guardianId");

        ResponseEntity<JsonNode> linked = post("/api/detainees/" + minor + "/guardian",
                Map.of("guardianId", guardian.toString()));
        assertThat(linked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(linked.getBody().get("guardianId").asText()).isEqualTo(guardian.toString());
        assertThat(codes(get(eligibility).getBody())).doesNotContain("UNACCOMPANIED_MINOR");
    }

    private long count(String table) {
        Long n = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return n == null ? 0 : n;
    }
}
