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
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18 items 2 and 3 on real PostgreSQL and Kafka, through HTTP with real tokens: an open claim
 * of US citizenship or lawful status blocks every assessment (STATUS_CLAIM_PENDING) until decided,
 * and an upheld one ends custody; a fear claim is a PROTECTION_CLAIM hold that only its rejection
 * lifts; misuse is refused and writes nothing.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClaimsIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final LocalDate TODAY = LocalDate.now();
    private static final String RECORD_CHANGED = "returnflow.detention.DetaineeRecordChanged.v1";
    private static final String ASSESSED = "returnflow.detention.EligibilityAssessed.v1";
    private static final TestClient AGENCY = TestClient.DETENTION_AGENCY;
    /** A partner that was (wrongly) granted write: it still never decides a claim. */
    private static final TestClient WRITING_PARTNER =
            TestClient.PARTNER_MONITOR.withScopes("detention:read", "detention:write");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @AfterAll
    static void closeSender() {
        TestBrokerSender.close();
    }

    private static CloudEventSender sender() {
        return TestBrokerSender.get();
    }

    // ---- status claims -------------------------------------------------------------------------

    @Test
    void anOpenStatusClaimBlocksUntilItIsRejected() {
        UUID id = removable("Kaveh", "Mirzaei", "LA-JENA");
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            UUID caseId = openCase(id, events);
            assertThat(assess(events, caseId, id, 1)).isEmpty();

            ResponseEntity<JsonNode> opened = post(AGENCY, "/api/detainees/" + id + "/status-claims",
                    Map.of("claim", "US_CITIZENSHIP", "evidenceReference", "N-600:MSC2612345678"));
            assertThat(opened.getStatusCode()).as("%s", opened.getBody()).isEqualTo(HttpStatus.CREATED);
            assertThat(opened.getBody().get("open").asBoolean()).isTrue();
            assertThat(opened.getBody().get("openedBy").asText()).isEqualTo("detention-agency");
            UUID claimId = UUID.fromString(opened.getBody().get("id").asText());

            DetaineeRecordChanged openedEvent = awaitChange(events, caseId, DetaineeRecordChange.STATUS_CLAIM_OPENED);
            assertThat(openedEvent.mayBlock()).isTrue();
            assertThat(openedEvent.recordId()).isEqualTo(claimId);
            List<Blocker> blocked = assessBlockers(events, caseId, id, 2);
            assertThat(blocked).extracting(Blocker::code).containsExactly(BlockerCode.STATUS_CLAIM_PENDING);
            // on the public topic a blocker is its code and the record's id: nothing says what is claimed
            assertThat(blocked.get(0).recordId()).isEqualTo(claimId);
            assertThat(BlockerCode.STATUS_CLAIM_PENDING.overridable()).isFalse();

            assertProblem(post(AGENCY, "/api/detainees/" + id + "/status-claims", Map.of("claim", "US_CITIZENSHIP",
                    "evidenceReference", "N-600:OTHER")), HttpStatus.CONFLICT, "claim");

            String decision = "/api/detainees/" + id + "/status-claims/" + claimId + "/decision";
            Map<String, Object> rejected = Map.of("outcome", "REJECTED", "reference", "USCIS:DEN-2026-77",
                    "officer", "Officer Ruiz");
            assertThat(post(TestClient.PARTNER_MONITOR, decision, rejected).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertProblem(post(WRITING_PARTNER, decision, rejected), HttpStatus.FORBIDDEN, "outcome");
            assertThat(post(AGENCY.atFacilities("LA-PINE"), decision, rejected).getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(post(AGENCY, "/api/detainees/" + id + "/status-claims/" + UUID.randomUUID() + "/decision",
                    rejected).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(count("select count(*) from status_claim where id = ? and outcome is null", claimId))
                    .as("refusals decide nothing").isEqualTo(1);

            ResponseEntity<JsonNode> decided = post(AGENCY, decision, rejected);
            assertThat(decided.getStatusCode()).as("%s", decided.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(decided.getBody().at("/claim/decision/outcome").asText()).isEqualTo("REJECTED");
            assertThat(decided.getBody().at("/claim/decision/decidedBy").asText()).isEqualTo("detention-agency");
            assertThat(decided.getBody().at("/claim/decision/onBehalfOf").asText()).isEqualTo("Officer Ruiz");
            assertThat(decided.getBody().get("custodyStatus").asText()).isEqualTo("IN_CUSTODY");

            DetaineeRecordChanged decidedEvent = awaitChange(events, caseId, DetaineeRecordChange.STATUS_CLAIM_DECIDED);
            assertThat(decidedEvent.mayBlock()).isFalse();
            assertThat(decidedEvent.reasonCode()).isEqualTo("REJECTED");
            assertThat(assess(events, caseId, id, 3)).isEmpty();

            assertProblem(post(AGENCY, decision, Map.of("outcome", "UPHELD", "reference", "USCIS:LATE-1")),
                    HttpStatus.CONFLICT, null);
        }
        assertThat(trail(id)).contains("detention-agency STATUS_CLAIM_OPENED -",
                "detention-agency STATUS_CLAIM_DECIDED Officer Ruiz");
        assertThatThrownBy(() -> jdbc.update("update status_claim set outcome = 'UPHELD' where detainee_id = ?", id))
                .as("a decided claim never changes").rootCause().hasMessageContaining("was decided already");
    }

    @Test
    void anUpheldCitizenshipClaimEndsCustodyAtOnce() {
        UUID id = removable("Darius", "Amini", "LA-WINN");
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            UUID caseId = openCase(id, events);
            UUID claimId = UUID.fromString(post(AGENCY, "/api/detainees/" + id + "/status-claims",
                    Map.of("claim", "US_CITIZENSHIP", "evidenceReference", "BIRTH-CERT:TX-1990-4411"))
                    .getBody().get("id").asText());

            ResponseEntity<JsonNode> decided = post(AGENCY, "/api/detainees/" + id + "/status-claims/" + claimId
                    + "/decision", Map.of("outcome", "UPHELD", "reference", "USCIS:N-600-APPROVED-9"));
            assertThat(decided.getStatusCode()).as("%s", decided.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(decided.getBody().get("custodyStatus").asText()).isEqualTo("RELEASED");

            DetaineeRecordChanged decidedEvent = awaitChange(events, caseId, DetaineeRecordChange.STATUS_CLAIM_DECIDED);
            assertThat(decidedEvent.mayBlock()).isTrue();
            assertThat(decidedEvent.reasonCode()).isEqualTo("UPHELD");
            DetaineeRecordChanged released = awaitChange(events, caseId, DetaineeRecordChange.CUSTODY_RELEASED);
            assertThat(released.reasonCode()).isEqualTo("STATUS_CLAIM_UPHELD");
            assertThat(assess(events, caseId, id, 1)).containsExactly(BlockerCode.NOT_IN_CUSTODY);
        }
        JsonNode record = get("/api/detainees/" + id).getBody();
        assertThat(record.get("custodyStatus").asText()).isEqualTo("RELEASED");
        assertThat(record.at("/custodyHistory/0/reason").asText()).isEqualTo("STATUS_CLAIM_UPHELD");
    }

    @Test
    void statusClaimsNeedTheWriteScopeAndTheFacility() {
        UUID id = removable("Nima", "Rostami", "LA-JENA");
        Map<String, Object> claim = Map.of("claim", "LAWFUL_PERMANENT_RESIDENCE", "evidenceReference", "I-551:LIN99");
        String path = "/api/detainees/" + id + "/status-claims";
        assertThat(post(AGENCY.withScopes("detention:read"), path, claim).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(AGENCY.atFacilities("LA-RICH"), path, claim).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertProblem(post(AGENCY, path, Map.of("claim", "LAWFUL_PERMANENT_RESIDENCE",
                "evidenceReference", "he says he has a green card")), HttpStatus.BAD_REQUEST, "evidenceReference");
        assertProblem(post(AGENCY, "/api/detainees/" + id + "/release", Map.of("reason", "STATUS_CLAIM_UPHELD")),
                HttpStatus.BAD_REQUEST, "reason");
        assertThat(count("select count(*) from status_claim where detainee_id = ?", id)).isZero();
        assertThat(get("/api/detainees/" + id).getBody().get("custodyStatus").asText()).isEqualTo("IN_CUSTODY");
        assertThat(post(AGENCY.atFacilities("LA-JENA"), path, claim).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(get("/api/detainees/" + id).getBody().at("/statusClaims/0/claim").asText())
                .isEqualTo("LAWFUL_PERMANENT_RESIDENCE");
        assertThat(call(HttpMethod.GET, "/api/detainees/" + id + "?purpose=MONITORING", null,
                TestClient.PARTNER_MONITOR).getBody().path("statusClaims").isArray()).as("never shown to partners")
                .isFalse();
    }

    // ---- fear claims ---------------------------------------------------------------------------

    @Test
    void aFearClaimIsAProtectionHoldThatOnlyItsRejectionLifts() {
        UUID id = removable("Arash", "Kazemi", "LA-ASF");
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            UUID caseId = openCase(id, events);
            ResponseEntity<JsonNode> recorded = post(AGENCY, "/api/detainees/" + id + "/fear-claims",
                    Map.of("destinationCountry", "IRN", "madeOn", TODAY.toString(), "reference", "CF-2026-0042"));
            assertThat(recorded.getStatusCode()).as("%s", recorded.getBody()).isEqualTo(HttpStatus.CREATED);
            UUID claimId = UUID.fromString(recorded.getBody().get("id").asText());
            UUID holdId = UUID.fromString(recorded.getBody().get("holdId").asText());
            assertThat(recorded.getBody().get("holdActive").asBoolean()).isTrue();

            ReceivedEvent placed = events.awaitOne("returnflow.detention.LegalHoldPlaced.v1", caseId.toString(), WAIT);
            assertThat(placed.schemaErrors()).isEmpty();
            assertThat(placed.data(LegalHoldPlaced.class).holdId()).isEqualTo(holdId);
            // the hold's kind never travels: a protection claim must not reach the country of origin
            assertThat(placed.json()).doesNotContain("PROTECTION").doesNotContain("IRN").doesNotContain("CF-2026-0042");
            assertThat(assess(events, caseId, id, 1)).containsExactly(BlockerCode.ACTIVE_LEGAL_HOLD);

            assertProblem(post(AGENCY, "/api/detainees/" + id + "/legal-holds/" + holdId + "/lift",
                    Map.of("reason", "Agency wants to proceed")), HttpStatus.CONFLICT, null);
            assertProblem(post(AGENCY, "/api/detainees/" + id + "/fear-claims", Map.of("destinationCountry", "IRN",
                    "madeOn", TODAY.toString())), HttpStatus.CONFLICT, "destinationCountry");
            assertThatThrownBy(() -> transactions.executeWithoutResult(t -> jdbc.update("update legal_hold set "
                    + "lifted_at = now(), lifted_by = 'dba', lift_reason = 'by hand' where id = ?", holdId)))
                    .as("the database lifts a protection hold only with a rejected claim")
                    .rootCause().hasMessageContaining("is lifted only when its fear claim is rejected");

            String decision = "/api/detainees/" + id + "/fear-claims/" + claimId + "/decision";
            assertProblem(post(WRITING_PARTNER, decision, Map.of("outcome", "REJECTED", "reference", "IJ:1")),
                    HttpStatus.FORBIDDEN, "outcome");
            assertThat(post(AGENCY.atFacilities("LA-JACK"), decision, Map.of("outcome", "REJECTED",
                    "reference", "IJ:1")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(count("select count(*) from legal_hold where id = ? and lifted_at is null", holdId)).isOne();

            ResponseEntity<JsonNode> upheld = post(AGENCY, decision, Map.of("outcome", "UPHELD",
                    "reference", "USCIS:CF-POSITIVE-42", "officer", "Asylum Officer Chen"));
            assertThat(upheld.getStatusCode()).as("%s", upheld.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(upheld.getBody().get("holdActive").asBoolean()).as("an upheld claim keeps its hold").isTrue();
            assertThat(assess(events, caseId, id, 2)).containsExactly(BlockerCode.ACTIVE_LEGAL_HOLD);
            assertProblem(post(AGENCY, decision, Map.of("outcome", "REJECTED", "reference", "IJ:2")),
                    HttpStatus.CONFLICT, null);

            // A second claim, about the third country, made later: rejected, and only its hold is lifted.
            ResponseEntity<JsonNode> second = post(AGENCY, "/api/detainees/" + id + "/fear-claims",
                    Map.of("destinationCountry", "PAN", "madeOn", TODAY.toString()));
            assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            UUID secondHold = UUID.fromString(second.getBody().get("holdId").asText());
            ResponseEntity<JsonNode> rejected = post(AGENCY, "/api/detainees/" + id + "/fear-claims/"
                    + second.getBody().get("id").asText() + "/decision",
                    Map.of("outcome", "REJECTED", "reference", "IJ:NEG-2026-8"));
            assertThat(rejected.getStatusCode()).as("%s", rejected.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(rejected.getBody().get("holdActive").asBoolean()).isFalse();
            ReceivedEvent lifted = events.awaitOne("returnflow.detention.LegalHoldLifted.v1", caseId.toString(), WAIT);
            assertThat(lifted.schemaErrors()).isEmpty();
            assertThat(lifted.data(LegalHoldLifted.class).holdId()).isEqualTo(secondHold);
            assertThat(assess(events, caseId, id, 3)).containsExactly(BlockerCode.ACTIVE_LEGAL_HOLD);
        }
        assertThat(trail(id)).contains("detention-agency FEAR_CLAIM_RECORDED -",
                "detention-agency FEAR_CLAIM_DECIDED Asylum Officer Chen");
    }

    @Test
    void aFearClaimNeedsTheWriteScopeTheFacilityAndACountry() {
        UUID id = removable("Babak", "Jafari", "LA-PINE");
        String path = "/api/detainees/" + id + "/fear-claims";
        Map<String, Object> claim = Map.of("destinationCountry", "IRN", "madeOn", TODAY.toString());
        assertThat(post(TestClient.PARTNER_MONITOR, path, claim).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(AGENCY.atFacilities("LA-ASF"), path, claim).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertProblem(post(AGENCY, path, Map.of("destinationCountry", "XYZ", "madeOn", TODAY.toString())),
                HttpStatus.BAD_REQUEST, "destinationCountry");
        assertProblem(post(AGENCY, path, Map.of("destinationCountry", "IRN", "madeOn", TODAY.plusDays(2).toString())),
                HttpStatus.BAD_REQUEST, "madeOn");
        assertProblem(post(AGENCY, "/api/detainees/" + id + "/legal-holds", Map.of("kind", "PROTECTION_CLAIM",
                "reference", "CF-9")), HttpStatus.BAD_REQUEST, "kind");
        assertThat(count("select count(*) from fear_claim where detainee_id = ?", id)).isZero();
        assertThat(count("select count(*) from legal_hold where detainee_id = ?", id)).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, TestClient client) {
        return new DetentionHttp(http).call(method, path, body, client);
    }

    private ResponseEntity<JsonNode> post(TestClient client, String path, Object body) {
        return call(HttpMethod.POST, path, body, client);
    }

    private ResponseEntity<JsonNode> get(String path) {
        return call(HttpMethod.GET, path, null, AGENCY);
    }

    /** A person with a final order, a passport and a clearance: eligible for IRN until a claim says otherwise. */
    private UUID removable(String givenName, String familyName, String facility) {
        ResponseEntity<JsonNode> created = post(AGENCY, "/api/detainees", DetentionHttp.registration(givenName,
                familyName, LocalDate.of(1988, 6, 14), "IRN", facility));
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        UUID id = UUID.fromString(created.getBody().get("id").asText());
        assertThat(post(AGENCY, "/api/detainees/" + id + "/travel-documents", Map.of("kind", "PASSPORT",
                "number", "P77", "issuingCountry", "IRN", "validUntil", TODAY.plusYears(3).toString())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post(AGENCY, "/api/detainees/" + id + "/medical-clearances", Map.of("fitToFly", true,
                "assessedOn", TODAY.toString(), "validUntil", TODAY.plusMonths(6).toString())).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private UUID openCase(UUID id, TopicProbe events) {
        UUID caseId = UUID.randomUUID();
        sender().send(new DescribeDetainee(caseId, id));
        events.awaitOne("returnflow.detention.DetaineeDescribed.v1", caseId.toString(), WAIT);
        return caseId;
    }

    private static List<Blocker> assessBlockers(TopicProbe events, UUID caseId, UUID id, int nth) {
        sender().send(new AssessEligibility(caseId, id, "IRN", TODAY.plusDays(30), EligibilityStage.INITIAL));
        return events.await(e -> e.type().equals(ASSESSED) && caseId.toString().equals(e.subject()), nth, WAIT)
                .get(nth - 1).data(EligibilityAssessed.class).blockers();
    }

    private static List<BlockerCode> assess(TopicProbe events, UUID caseId, UUID id, int nth) {
        return assessBlockers(events, caseId, id, nth).stream().map(Blocker::code).toList();
    }

    private static DetaineeRecordChanged awaitChange(TopicProbe events, UUID caseId, DetaineeRecordChange change) {
        ReceivedEvent event = events.await(e -> e.type().equals(RECORD_CHANGED) && caseId.toString().equals(e.key())
                && e.data(DetaineeRecordChanged.class).change() == change, 1, WAIT).get(0);
        assertThat(event.schemaErrors()).as("schema errors of %s", event.json()).isEmpty();
        return event.data(DetaineeRecordChanged.class);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        if (field != null) {
            assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactly(field);
        }
    }

    private List<String> trail(UUID id) {
        List<String> lines = new ArrayList<>();
        get("/api/audit?subject=" + id + "&size=100").getBody().get("content").forEach(e -> lines.add(
                e.get("principal").asText() + " " + e.get("action").asText() + " "
                        + (e.path("onBehalfOf").isTextual() ? e.path("onBehalfOf").asText() : "-")));
        return lines;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
