package org.returnflow.detention;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.detention.DetaineeRecordChanged;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.detention.domain.NameKey;
import org.returnflow.detention.domain.NameKeyBackfill;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17 on real PostgreSQL and Kafka, through HTTP with real tokens: a record corrected by merge
 * patch under its version, transfer and release reaching the open case as DetaineeRecordChanged,
 * invalidated documents, duplicates refused both ways, people found across spellings, and packing
 * in bulk with refusals.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final LocalDate TODAY = LocalDate.now();
    private static final LocalDate DEPARTURE = TODAY.plusDays(30);
    private static final String RECORD_CHANGED = "returnflow.detention.DetaineeRecordChanged.v1";
    private static final String ASSESSED = "returnflow.detention.EligibilityAssessed.v1";
    private static final TestClient AGENCY = TestClient.DETENTION_AGENCY;


    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @AfterAll
    static void closeSender() {
        TestBrokerSender.close();
    }

    private static CloudEventSender sender() {
        return TestBrokerSender.get();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, TestClient client) {
        return new DetentionHttp(http).call(method, path, body, client);
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return call(HttpMethod.POST, path, body, AGENCY);
    }

    private ResponseEntity<JsonNode> get(String path) {
        return call(HttpMethod.GET, path, null, AGENCY);
    }

    private ResponseEntity<JsonNode> patch(UUID id, String ifMatch, String mergePatch) {
        return new DetentionHttp(http).exchange(HttpMethod.PATCH, "/api/detainees/" + id, mergePatch, AGENCY,
                DetentionHttp.MERGE_PATCH, ifMatch);
    }

    private UUID register(Map<String, Object> registration) {
        ResponseEntity<JsonNode> created = post("/api/detainees", registration);
        assertThat(created.getStatusCode()).as("registration: %s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString(created.getBody().get("id").asText());
    }

    /** Registers a person with a passport and a fit-to-fly clearance valid on DEPARTURE. */
    private UUID removable(String givenName, String familyName, LocalDate born, String facility, boolean finalOrder) {
        Map<String, Object> registration = DetentionHttp.registration(givenName, familyName, born, "IRN", facility);
        registration.put("removalOrder", Map.of("issuedOn", TODAY.minusMonths(1).toString(), "isFinal", finalOrder));
        UUID id = register(registration);
        assertThat(post("/api/detainees/" + id + "/travel-documents", Map.of("kind", "PASSPORT", "number", "P55",
                "issuingCountry", "IRN", "validUntil", TODAY.plusYears(3).toString())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/detainees/" + id + "/medical-clearances", Map.of("fitToFly", true,
                "assessedOn", TODAY.toString(), "validUntil", TODAY.plusMonths(6).toString())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    /** Tells detention the person's case, as the workflow does with its first command. */
    private UUID openCase(UUID id, TopicProbe events) {
        UUID caseId = UUID.randomUUID();
        sender().send(new DescribeDetainee(caseId, id));
        events.awaitOne("returnflow.detention.DetaineeDescribed.v1", caseId.toString(), WAIT);
        return caseId;
    }

    private static DetaineeRecordChanged awaitChange(TopicProbe events, String key, DetaineeRecordChange change,
                                                     String... mustNotContain) {
        ReceivedEvent event = events.await(e -> e.type().equals(RECORD_CHANGED) && key.equals(e.key())
                && e.data(DetaineeRecordChanged.class).change() == change, 1, WAIT).get(0);
        assertThat(event.schemaErrors()).as("schema errors of %s", event.json()).isEmpty();
        assertThat(event.subject()).isEqualTo(key);
        for (String text : mustNotContain) {
            assertThat(event.json()).doesNotContain(text);
        }
        return event.data(DetaineeRecordChanged.class);
    }

    private static List<BlockerCode> assess(TopicProbe events, UUID caseId, UUID id, int nth) {
        sender().send(new AssessEligibility(caseId, id, "IRN", DEPARTURE, EligibilityStage.INITIAL));
        return events.await(e -> e.type().equals(ASSESSED) && caseId.toString().equals(e.subject()), nth, WAIT)
                .get(nth - 1).data(EligibilityAssessed.class).blockers().stream().map(Blocker::code).toList();
    }

    private static List<String> ids(ResponseEntity<JsonNode> page) {
        assertThat(page.getStatusCode()).as("%s", page.getBody()).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        page.getBody().get("content").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactly(field);
    }

    private List<String> trail(UUID id) {
        List<String> lines = new ArrayList<>();
        get("/api/audit?subject=" + id + "&size=100").getBody().get("content").forEach(e -> lines.add(
                e.get("principal").asText() + " " + e.get("action").asText()));
        return lines;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    // ---- the removal order made final by PATCH ---------------------------------------------------

    @Test
    void aRemovalOrderMadeFinalByPatchClearsNoFinalOrderAndTellsTheCase() {
        UUID id = removable("Parviz", "Sohrabi", LocalDate.of(1985, 3, 2), "LA-JENA", false);

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            UUID caseId = openCase(id, events);
            assertThat(assess(events, caseId, id, 1)).containsExactly(BlockerCode.NO_FINAL_ORDER);

            ResponseEntity<JsonNode> read = get("/api/detainees/" + id);
            String etag = read.getHeaders().getETag();
            assertThat(etag).matches("\"\\d+\"");

            assertProblem(patch(id, null, "{\"removalOrder\":{\"isFinal\":true}}"), HttpStatus.PRECONDITION_REQUIRED,
                    "If-Match");
            ResponseEntity<JsonNode> patched = patch(id, etag, "{\"removalOrder\":{\"isFinal\":true}}");
            assertThat(patched.getStatusCode()).as("%s", patched.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(patched.getHeaders().getETag()).isNotEqualTo(etag);
            assertThat(patched.getBody().at("/removalOrder/isFinal").asBoolean()).isTrue();
            assertThat(patched.getBody().at("/removalOrder/issuedOn").asText())
                    .isEqualTo(read.getBody().at("/removalOrder/issuedOn").asText());

            assertProblem(patch(id, etag, "{\"preferredLanguage\":\"prs\"}"), HttpStatus.PRECONDITION_FAILED,
                    "If-Match");
            assertThat(get("/api/detainees/" + id).getBody().get("preferredLanguage").asText()).isEqualTo("fa");

            DetaineeRecordChanged changed = awaitChange(events, caseId.toString(),
                    DetaineeRecordChange.REMOVAL_ORDER_FINAL, "Parviz", "Sohrabi", "1985-03-02");
            assertThat(changed.caseId()).isEqualTo(caseId);
            assertThat(changed.detaineeId()).isEqualTo(id);
            assertThat(changed.mayBlock()).isFalse();

            assertThat(assess(events, caseId, id, 2)).doesNotContain(BlockerCode.NO_FINAL_ORDER).isEmpty();
        }
        assertThat(trail(id)).contains("detention-agency AMENDED");
    }

    @Test
    void correctingCounselAndLanguageMovesTheAddressesAndTellsTheCase() {
        UUID id = removable("Shahram", "Nikpour", LocalDate.of(1977, 8, 30), "LA-JENA", true);
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS);
             TopicProbe commands = TopicProbe.on(Topics.NOTIFICATION_COMMANDS)) {
            UUID caseId = openCase(id, events);
            String etag = get("/api/detainees/" + id).getHeaders().getETag();

            ResponseEntity<JsonNode> patched = patch(id, etag, """
                    {"preferredLanguage": "prs", "counsel": {"email": "new.counsel@law.example"},
                     "externalIds": {"A-NUMBER": "A-777-888-999"}}""");

            assertThat(patched.getStatusCode()).as("%s", patched.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(patched.getBody().at("/counsel/name").asText()).isEqualTo("Counsel of Record");
            assertThat(patched.getBody().at("/externalIds/A-NUMBER").asText()).isEqualTo("A-777-888-999");
            assertThat(commands.await(e -> id.toString().equals(e.key()) && e.json().contains("new.counsel"), 1, WAIT)
                    .get(0).data(RegisterContact.class))
                    .isEqualTo(new RegisterContact(id, RecipientType.COUNSEL, "new.counsel@law.example", "en"));
            assertThat(commands.await(e -> id.toString().equals(e.key()) && e.json().contains("\"prs\""), 1, WAIT)
                    .get(0).data(RegisterContact.class))
                    .isEqualTo(new RegisterContact(id, RecipientType.DETAINEE, "notices.la-jena@ice.example", "prs"));
            assertThat(awaitChange(events, caseId.toString(), DetaineeRecordChange.COUNSEL_CHANGED, "new.counsel")
                    .mayBlock()).isFalse();
            assertThat(awaitChange(events, caseId.toString(), DetaineeRecordChange.LANGUAGE_CHANGED).mayBlock())
                    .isFalse();
        }
    }

    // ---- transfer and release ----------------------------------------------------------------

    @Test
    void aTransferAndAReleaseReachTheOpenCase() {
        UUID id = removable("Kourosh", "Bahrami", LocalDate.of(1988, 11, 4), "LA-JENA", true);
        Map<String, Object> toHub = Map.of("toFacility", "LA-ASF", "reason", "STAGING_FOR_REMOVAL",
                "note", "Kourosh on the morning bus");

        assertProblem(call(HttpMethod.POST, "/api/detainees/" + id + "/transfer", toHub,
                AGENCY.atFacilities("LA-JENA")), HttpStatus.FORBIDDEN, "toFacility");
        assertThat(call(HttpMethod.POST, "/api/detainees/" + id + "/transfer", toHub, AGENCY.atFacilities("LA-ASF"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS);
             TopicProbe commands = TopicProbe.on(Topics.NOTIFICATION_COMMANDS)) {
            UUID caseId = openCase(id, events);

            ResponseEntity<JsonNode> moved = call(HttpMethod.POST, "/api/detainees/" + id + "/transfer", toHub,
                    AGENCY.atFacilities("LA-JENA", "LA-ASF"));
            assertThat(moved.getStatusCode()).as("%s", moved.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(moved.getBody().get("facilityCode").asText()).isEqualTo("LA-ASF");
            JsonNode movement = moved.getBody().get("custodyHistory").get(0);
            assertThat(movement.get("fromFacility").asText()).isEqualTo("LA-JENA");
            assertThat(movement.get("by").asText()).isEqualTo("detention-agency");

            DetaineeRecordChanged transferred = awaitChange(events, caseId.toString(), DetaineeRecordChange.TRANSFERRED,
                    "Kourosh", "Bahrami", "1988-11-04", "morning bus");
            assertThat(transferred.mayBlock()).isTrue();
            assertThat(transferred.recordId().toString()).isEqualTo(movement.get("id").asText());
            assertThat(transferred.reasonCode()).isEqualTo("STAGING_FOR_REMOVAL");
            assertThat(commands.await(e -> id.toString().equals(e.key()) && e.json().contains("la-asf"), 1, WAIT)
                    .get(0).data(RegisterContact.class))
                    .isEqualTo(new RegisterContact(id, RecipientType.DETAINEE, "notices.la-asf@ice.example", "fa"));

            ResponseEntity<JsonNode> released = post("/api/detainees/" + id + "/release",
                    Map.of("reason", "RELIEF_GRANTED", "note", "Immigration judge granted relief"));
            assertThat(released.getStatusCode()).as("%s", released.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(released.getBody().get("custodyStatus").asText()).isEqualTo("RELEASED");
            DetaineeRecordChanged release = awaitChange(events, caseId.toString(),
                    DetaineeRecordChange.CUSTODY_RELEASED, "Kourosh", "Bahrami", "judge");
            assertThat(release.mayBlock()).isTrue();
            assertThat(release.caseId()).isEqualTo(caseId);
            assertThat(release.reasonCode()).isEqualTo("RELIEF_GRANTED");

            assertThat(assess(events, caseId, id, 1)).contains(BlockerCode.NOT_IN_CUSTODY);
        }
        ResponseEntity<JsonNode> again = post("/api/detainees/" + id + "/release", Map.of("reason", "BOND"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(get("/api/detainees/" + id).getBody().get("custodyHistory").findValuesAsText("kind"))
                .containsExactly("TRANSFER", "RELEASE");
        assertThat(trail(id)).contains("detention-agency TRANSFERRED", "detention-agency RELEASED");
        assertThatThrownBy(() -> jdbc.update("delete from custody_movement where detainee_id = ?", id))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
    }

    @Test
    void releasingAGuardianTellsTheMinorsRecord() {
        UUID guardian = removable("Farid", "Ansari", LocalDate.of(1980, 1, 20), "LA-JENA", true);
        UUID minor = removable("Sina", "Ansari", TODAY.minusYears(12), "LA-JENA", true);
        assertThat(post("/api/detainees/" + minor + "/guardian", Map.of("guardianId", guardian.toString()))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            assertThat(post("/api/detainees/" + guardian + "/release", Map.of("reason", "BOND")).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            DetaineeRecordChanged ward = awaitChange(events, minor.toString(),
                    DetaineeRecordChange.GUARDIAN_LEFT_CUSTODY, "Sina", "Ansari");
            assertThat(ward.caseId()).isNull();
            assertThat(ward.mayBlock()).isTrue();
            assertThat(ward.recordId()).isEqualTo(guardian);
        }
    }

    // ---- invalidation ----------------------------------------------------------------------------

    @Test
    void anInvalidatedPassportBlocksAndTellsTheCase() {
        UUID id = removable("Omid", "Karami", LocalDate.of(1992, 4, 9), "LA-JENA", true);
        JsonNode record = get("/api/detainees/" + id).getBody();
        String passport = record.at("/travelDocuments/0/id").asText();
        String clearance = record.at("/medicalClearances/0/id").asText();
        String permit = post("/api/detainees/" + id + "/residence-permits", Map.of("type", "TEMPORARY",
                "number", "RP-9", "validFrom", TODAY.minusYears(1).toString(), "validUntil", DEPARTURE.plusDays(5)
                        .toString())).getBody().get("id").asText();

        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            UUID caseId = openCase(id, events);
            ResponseEntity<JsonNode> invalidated = post("/api/detainees/" + id + "/travel-documents/" + passport
                    + "/invalidate", Map.of("reason", "STOLEN", "note", "Reported by Omid's brother"));
            assertThat(invalidated.getStatusCode()).as("%s", invalidated.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(invalidated.getBody().at("/invalidated/reason").asText()).isEqualTo("STOLEN");
            DetaineeRecordChanged changed = awaitChange(events, caseId.toString(),
                    DetaineeRecordChange.TRAVEL_DOCUMENT_INVALIDATED, "Omid", "brother");
            assertThat(changed.mayBlock()).isTrue();
            assertThat(changed.recordId().toString()).isEqualTo(passport);

            assertThat(post("/api/detainees/" + id + "/medical-clearances/" + clearance + "/invalidate",
                    Map.of("reason", "REASSESSED")).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(awaitChange(events, caseId.toString(), DetaineeRecordChange.CLEARANCE_INVALIDATED).mayBlock())
                    .isTrue();
            assertThat(post("/api/detainees/" + id + "/residence-permits/" + permit + "/invalidate",
                    Map.of("reason", "REVOKED")).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(awaitChange(events, caseId.toString(), DetaineeRecordChange.PERMIT_INVALIDATED).mayBlock())
                    .isFalse();
        }
        JsonNode eligibility = get("/api/detainees/" + id + "/eligibility?destination=IRN&on=" + DEPARTURE).getBody();
        assertThat(eligibility.get("blockers").findValuesAsText("code"))
                .containsExactly("NO_TRAVEL_DOCUMENT", "NOT_FIT_TO_FLY");
        ResponseEntity<JsonNode> twice = post("/api/detainees/" + id + "/travel-documents/" + passport
                + "/invalidate", Map.of("reason", "LOST"));
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/detainees/" + id + "/travel-documents/" + UUID.randomUUID() + "/invalidate",
                Map.of("reason", "LOST")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // ---- duplicates ------------------------------------------------------------------------------

    @Test
    void theSamePersonTwiceIs409BothWays() {
        LocalDate born = LocalDate.of(1983, 7, 21);
        Map<String, Object> first = DetentionHttp.registration("Mohammad", "Hosseini", born, "IRN", "LA-JENA");
        first.put("externalIds", Map.of("A-NUMBER", "A-201-555-017"));
        UUID existing = register(first);
        long people = count("select count(*) from detainee");

        Map<String, Object> sameNumber = DetentionHttp.registration("Ali", "Rezaei", LocalDate.of(1990, 1, 1), "IRN",
                "LA-PINE");
        sameNumber.put("externalIds", Map.of("A-NUMBER", "a201555017"));
        ResponseEntity<JsonNode> byNumber = post("/api/detainees", sameNumber);
        assertProblem(byNumber, HttpStatus.CONFLICT, "externalIds.A-NUMBER");
        assertThat(byNumber.getBody().get("existingId").asText()).isEqualTo(existing.toString());

        Map<String, Object> sameName = DetentionHttp.registration("Muhammad", "Husseini", born, "IRN", "LA-WINN");
        ResponseEntity<JsonNode> byName = post("/api/detainees", sameName);
        assertProblem(byName, HttpStatus.CONFLICT, "confirmDistinctFrom");
        assertThat(byName.getBody().get("existingId").asText()).isEqualTo(existing.toString());
        assertThat(count("select count(*) from detainee")).as("nothing written on refusal").isEqualTo(people);

        sameName.put("confirmDistinctFrom", existing.toString());
        UUID distinct = register(sameName);
        assertThat(distinct).isNotEqualTo(existing);
        assertThat(trail(distinct)).contains("detention-agency REGISTERED");
        assertThat(get("/api/audit?subject=" + distinct).getBody().toString()).contains("confirmedDistinctFrom");

        String etag = get("/api/detainees/" + distinct).getHeaders().getETag();
        ResponseEntity<JsonNode> patched = patch(distinct, etag, "{\"externalIds\":{\"A-NUMBER\":\"A 201 555 017\"}}");
        assertProblem(patched, HttpStatus.CONFLICT, "externalIds.A-NUMBER");
        assertThat(patched.getBody().get("existingId").asText()).isEqualTo(existing.toString());

        // The database itself refuses a second holder, whatever the code does.
        assertThatThrownBy(() -> jdbc.update("insert into external_identifier (id, detainee_id, scheme, value, "
                        + "value_key, recorded_at, recorded_by) values (?, ?, 'A-NUMBER', 'A201555017', 'A201555017', "
                        + "now(), 'test')", UUID.randomUUID(), distinct))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    // ---- finding people --------------------------------------------------------------------------

    @Test
    void searchFindsAPersonAcrossSpellingsWithinTheCallersFacilities() {
        LocalDate born = LocalDate.of(1979, 2, 11);
        Map<String, Object> mohammad = DetentionHttp.registration("Mohammad", "Hosseini", born, "IRN", "LA-JENA");
        mohammad.put("externalIds", Map.of("A-NUMBER", "A-300-400-500"));
        UUID id = register(mohammad);
        UUID hassan = register(DetentionHttp.registration("Hassan", "Hosseini", born, "IRN", "LA-JENA"));
        UUID mahmoud = register(DetentionHttp.registration("Mahmoud", "Hosseini", born, "IRN", "LA-JENA"));
        String caseNumber = get("/api/detainees/" + id).getBody().get("caseNumber").asText();

        assertThat(ids(get("/api/detainees?q=muhammad husseini&size=100"))).contains(id.toString())
                .doesNotContain(hassan.toString(), mahmoud.toString());
        assertThat(ids(get("/api/detainees?q=MOHAMMED&size=100"))).contains(id.toString())
                .doesNotContain(hassan.toString(), mahmoud.toString());
        assertThat(ids(get("/api/detainees?q=Mohammad&dateOfBirth=" + born))).containsExactly(id.toString());
        assertThat(ids(get("/api/detainees?q=hosseini&dateOfBirth=" + born)))
                .containsExactlyInAnyOrder(id.toString(), hassan.toString(), mahmoud.toString());
        assertThat(ids(get("/api/detainees?caseNumber=" + caseNumber.toLowerCase()))).containsExactly(id.toString());
        assertThat(ids(get("/api/detainees?externalId=A-NUMBER:a300400500"))).containsExactly(id.toString());
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            UUID caseId = openCase(id, events);
            assertThat(ids(get("/api/detainees?caseId=" + caseId))).containsExactly(id.toString());
        }

        TestClient pine = AGENCY.atFacilities("LA-PINE");
        assertThat(ids(call(HttpMethod.GET, "/api/detainees?q=muhammad husseini&size=100", null, pine)))
                .doesNotContain(id.toString());
        assertThat(ids(call(HttpMethod.GET, "/api/detainees?externalId=A-NUMBER:A300400500", null, pine))).isEmpty();
        assertThat(call(HttpMethod.GET, "/api/detainees/" + id, null, pine).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> partner = call(HttpMethod.GET, "/api/detainees?q=mohammed&purpose=monitoring",
                null, TestClient.PARTNER_MONITOR);
        assertThat(ids(partner)).contains(id.toString());
        assertThat(partner.getBody().toString()).doesNotContain("Hosseini");
        assertProblem(call(HttpMethod.GET, "/api/detainees?q=mohammed", null, TestClient.PARTNER_MONITOR),
                HttpStatus.BAD_REQUEST, "purpose");
        assertThat(trail(id)).contains("detention-agency READ", "partner-monitor PARTNER_READ");
    }

    @Test
    void theBackfillKeysRowsWrittenWithoutKeys() throws Exception {
        UUID id = register(DetentionHttp.registration("Yousef", "Ghasemi", LocalDate.of(1970, 5, 5), "IRN",
                "LA-JENA"));
        jdbc.update("update detainee set name_key = null where id = ?", id);
        jdbc.update("delete from detainee_name_key where detainee_id = ?", id);
        assertThat(ids(get("/api/detainees?q=yusuf qasemi"))).doesNotContain(id.toString());

        try (Connection connection = dataSource.getConnection()) {
            assertThat(NameKeyBackfill.backfill(connection)).isPositive();
        }

        assertThat(ids(get("/api/detainees?q=yusuf qasemi"))).contains(id.toString());
        assertThat(jdbc.queryForObject("select name_key from detainee where id = ?", String.class, id))
                .isEqualTo(NameKey.person("Yousef", "Ghasemi"));
        assertThat(count("select count(*) from flyway_schema_history where script = ? and checksum = ? and success",
                NameKeyBackfill.class.getName(), NameKey.VERSION)).isEqualTo(1);
    }

    // ---- bulk packing ----------------------------------------------------------------------------

    @Test
    void bulkPackingDoesEveryItemItCanAndRefusesTheRest() {
        UUID jena = register(DetentionHttp.registration("Arash", "Kamali", LocalDate.of(1986, 6, 6), "IRN", "LA-JENA"));
        UUID pine = register(DetentionHttp.registration("Babak", "Kamali", LocalDate.of(1987, 7, 7), "IRN", "LA-PINE"));
        String held = item(jena, "Passport in envelope");
        String returned = item(jena, "Watch");
        String packed = item(jena, "Suitcase");
        String elsewhere = item(pine, "Wallet");
        assertThat(post("/api/detainees/" + jena + "/property/" + returned + "/returned", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(post("/api/detainees/" + jena + "/property/" + packed + "/packed", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String unknown = UUID.randomUUID().toString();

        ResponseEntity<JsonNode> answer = call(HttpMethod.POST, "/api/detainees/property/pack", Map.of("items", List.of(
                Map.of("detaineeId", jena.toString(), "itemId", held),
                Map.of("detaineeId", jena.toString(), "itemId", returned),
                Map.of("detaineeId", jena.toString(), "itemId", unknown),
                Map.of("detaineeId", pine.toString(), "itemId", elsewhere),
                Map.of("detaineeId", jena.toString(), "itemId", packed))), AGENCY.atFacilities("LA-JENA"));

        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode results = answer.getBody().get("results");
        assertThat(answer.getBody().get("done").asInt()).isEqualTo(2);
        assertThat(answer.getBody().get("refused").asInt()).isEqualTo(3);
        List<String> outcomes = new ArrayList<>();
        results.forEach(r -> outcomes.add(r.get("status").asText()));
        assertThat(outcomes).containsExactly("DONE", "REFUSED", "REFUSED", "REFUSED", "DONE");
        assertThat(results.get(0).get("changed").asBoolean()).isTrue();
        assertThat(results.get(1).at("/problem/status").asInt()).isEqualTo(409);
        assertThat(results.get(2).at("/problem/status").asInt()).isEqualTo(404);
        assertThat(results.get(3).at("/problem/status").asInt()).isEqualTo(404);
        assertThat(results.get(4).get("changed").asBoolean()).isFalse();

        assertThat(get("/api/detainees/" + jena).getBody().get("property").findValuesAsText("status"))
                .containsExactly("PACKED", "RETURNED", "PACKED");
        assertThat(get("/api/detainees/" + pine).getBody().get("property").findValuesAsText("status"))
                .containsExactly("HELD");
        assertThat(trail(jena).stream().filter(l -> l.equals("detention-agency PROPERTY_PACKED"))).hasSize(2);
    }

    private String item(UUID detainee, String description) {
        ResponseEntity<JsonNode> created = post("/api/detainees/" + detainee + "/property",
                Map.of("description", description, "kind", "LUGGAGE"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asText();
    }
}
