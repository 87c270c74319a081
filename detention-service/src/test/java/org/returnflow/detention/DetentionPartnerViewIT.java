package org.returnflow.detention;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a partner (an independent return monitor) can read of a person held by detention, through the
 * API and on {@code detention.events}: the exact field sets, for a person with an asylum claim, a
 * lifted appeal and property. Asylum must never appear (DESIGN.md "Privacy"); nor a hold's reference
 * or lift reason, nor a property description, nor a blocker's sentence.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DetentionPartnerViewIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final LocalDate TODAY = LocalDate.now();
    private static final String REFERENCE = "AC-2026-REF-77";
    private static final String LIFT_REASON = "Appeal dismissed by the court";
    private static final String DESCRIPTION = "Gold ring engraved for the wedding";

    /** Every field of a person's record a partner reads; names, birth date, counsel, external ids absent. */
    static final Set<String> PARTNER_DETAINEE = Set.of("id", "caseNumber", "nationality", "preferredLanguage",
            "facilityCode", "detainedSince", "custodyStatus", "hasCounsel", "removalOrder", "openCaseId",
            "residencePermits", "legalHolds", "travelDocuments", "medicalClearances", "property", "custodyHistory",
            "version", "createdAt", "createdBy", "updatedAt", "updatedBy");
    static final Set<String> PARTNER_ACTIVE_HOLD = Set.of("id", "active", "placedAt", "placedBy");
    static final Set<String> PARTNER_LIFTED_HOLD = Set.of("id", "active", "placedAt", "placedBy", "liftedAt", "liftedBy");
    static final Set<String> PARTNER_PROPERTY = Set.of("id", "kind", "status", "recordedAt", "recordedBy", "updatedAt",
            "updatedBy");
    static final Set<String> PARTNER_PERMIT = Set.of("id", "type", "validFrom", "validUntil", "recordedAt", "recordedBy");
    static final Set<String> PARTNER_ELIGIBILITY = Set.of("detaineeId", "destination", "on", "stage", "eligible",
            "blockers");

    @Autowired
    TestRestTemplate http;

    @AfterAll
    static void closeSender() {
        TestBrokerSender.close();
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, TestClient client) {
        return new DetentionHttp(http).call(method, path, body, client);
    }

    private JsonNode post(String path, Object body) {
        ResponseEntity<JsonNode> response = call(HttpMethod.POST, path, body, TestClient.DETENTION_AGENCY);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("%s: %s", path, response.getBody()).isTrue();
        return response.getBody();
    }

    private JsonNode asPartner(String path) {
        ResponseEntity<JsonNode> response = call(HttpMethod.GET, path, null, TestClient.PARTNER_MONITOR);
        assertThat(response.getStatusCode()).as("%s: %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @Test
    void aPartnerReadsNoHoldKindNoReferenceNoLiftReasonNoDescriptionAndNoBlockerSentence() {
        UUID caseId = UUID.randomUUID();
        UUID id;
        UUID asylum;
        UUID permit;
        try (TopicProbe events = TopicProbe.on(Topics.DETENTION_EVENTS)) {
            id = UUID.fromString(post("/api/detainees", DetentionHttp.registration("Parisa", "Moradi",
                    LocalDate.parse("1988-02-03"), "IRN", "LA-JENA")).get("id").asText());
            permit = UUID.fromString(post("/api/detainees/" + id + "/residence-permits", Map.of("type", "TEMPORARY",
                    "number", "RP-991", "validFrom", TODAY.minusYears(1).toString(),
                    "validUntil", TODAY.plusYears(1).toString())).get("id").asText());
            UUID appeal = UUID.fromString(post("/api/detainees/" + id + "/legal-holds",
                    Map.of("kind", "APPEAL", "reference", "AP-1")).get("id").asText());
            post("/api/detainees/" + id + "/legal-holds/" + appeal + "/lift", Map.of("reason", LIFT_REASON));
            asylum = UUID.fromString(post("/api/detainees/" + id + "/legal-holds",
                    Map.of("kind", "ASYLUM_CLAIM", "reference", REFERENCE)).get("id").asText());
            post("/api/detainees/" + id + "/property", Map.of("kind", "VALUABLES", "description", DESCRIPTION));
            TestBrokerSender.get().send(new AssessEligibility(caseId, id, "IRN", TODAY.plusDays(10),
                    EligibilityStage.INITIAL));

            events.awaitOne("returnflow.detention.EligibilityAssessed.v1", caseId.toString(), WAIT);
            List<ReceivedEvent> about = events.poll().stream()
                    .filter(e -> e.subject().equals(id.toString()) || e.subject().equals(caseId.toString())).toList();
            assertThat(about).extracting(e -> e.type().replaceAll("returnflow\\.detention\\.|\\.v1", ""))
                    .contains("LegalHoldPlaced", "LegalHoldLifted", "EligibilityAssessed");
            for (ReceivedEvent event : about) {
                assertThat(event.schemaErrors()).as(event.type()).isEmpty();
                assertThat(event.json()).as(event.type()).doesNotContain("ASYLUM", "APPEAL", REFERENCE, LIFT_REASON,
                        DESCRIPTION, "Parisa", "Moradi", "@");
                JsonNode data = DetentionHttp.JSON.readTree(event.json());
                switch (event.type()) {
                    case "returnflow.detention.LegalHoldPlaced.v1" ->
                            assertThat(names(data)).containsExactlyInAnyOrder("detaineeId", "holdId", "placedAt");
                    case "returnflow.detention.LegalHoldLifted.v1" ->
                            assertThat(names(data)).containsExactlyInAnyOrder("detaineeId", "holdId", "liftedAt");
                    case "returnflow.detention.EligibilityAssessed.v1" -> {
                        assertThat(names(data)).containsExactlyInAnyOrder("caseId", "detaineeId", "destinationCountry",
                                "onDate", "stage", "eligible", "blockers", "requestId");
                        for (JsonNode blocker : data.get("blockers")) {
                            String code = blocker.get("code").asText();
                            if (code.equals("ACTIVE_LEGAL_HOLD")) {
                                assertThat(names(blocker)).containsExactlyInAnyOrder("code", "recordId");
                                assertThat(blocker.get("recordId").asText()).isEqualTo(asylum.toString());
                            } else if (code.equals("VALID_RESIDENCE_PERMIT")) {
                                assertThat(names(blocker)).containsExactlyInAnyOrder("code", "recordId");
                                assertThat(blocker.get("recordId").asText()).isEqualTo(permit.toString());
                            } else {
                                assertThat(names(blocker)).as(code).containsExactly("code");
                            }
                        }
                        assertThat(data.get("blockers").findValuesAsText("code"))
                                .contains("ACTIVE_LEGAL_HOLD", "VALID_RESIDENCE_PERMIT");
                    }
                    default -> { }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }

        JsonNode record = asPartner("/api/detainees/" + id + "?purpose=monitoring");
        assertThat(record.toString()).doesNotContain("ASYLUM", "APPEAL", REFERENCE, LIFT_REASON, DESCRIPTION, "Parisa",
                "Moradi", "RP-991", "@");
        assertThat(names(record)).containsExactlyInAnyOrderElementsOf(PARTNER_DETAINEE);
        assertThat(record.get("legalHolds")).hasSize(2);
        for (JsonNode hold : record.get("legalHolds")) {
            assertThat(names(hold)).containsExactlyInAnyOrderElementsOf(
                    hold.get("active").asBoolean() ? PARTNER_ACTIVE_HOLD : PARTNER_LIFTED_HOLD);
        }
        assertThat(names(record.get("property").get(0))).containsExactlyInAnyOrderElementsOf(PARTNER_PROPERTY);
        assertThat(names(record.get("residencePermits").get(0))).containsExactlyInAnyOrderElementsOf(PARTNER_PERMIT);

        JsonNode eligibility = asPartner("/api/detainees/" + id + "/eligibility?destination=IRN&on="
                + TODAY.plusDays(10) + "&purpose=monitoring");
        assertThat(eligibility.toString()).doesNotContain("ASYLUM", "APPEAL", REFERENCE);
        assertThat(names(eligibility)).containsExactlyInAnyOrderElementsOf(PARTNER_ELIGIBILITY);
        for (JsonNode blocker : eligibility.get("blockers")) {
            assertThat(names(blocker)).isSubsetOf("code", "recordId").contains("code");
        }

        // the agency that holds the person still reads everything
        ResponseEntity<JsonNode> agency = call(HttpMethod.GET, "/api/detainees/" + id, null, TestClient.DETENTION_AGENCY);
        assertThat(agency.getBody().toString()).contains("ASYLUM_CLAIM", REFERENCE, LIFT_REASON, DESCRIPTION);
        ResponseEntity<JsonNode> agencyEligibility = call(HttpMethod.GET, "/api/detainees/" + id
                + "/eligibility?destination=IRN&on=" + TODAY.plusDays(10), null, TestClient.DETENTION_AGENCY);
        assertThat(agencyEligibility.getBody().get("blockers").findValuesAsText("detail"))
                .anySatisfy(d -> assertThat(d).contains("ASYLUM_CLAIM"));
    }

    /**
     * Object level fails closed: a client of LA-JENA, and a token without the {@code facilities} claim,
     * cannot see a person held at LA-PINE, by id (404) or in a list; the explicit "*" sees everyone.
     */
    @Test
    void aClientOfAnotherFacilityOrWithoutTheClaimSeesNobodyAtLaPine() {
        UUID pine = UUID.fromString(post("/api/detainees", DetentionHttp.registration("Omid", "Rostami",
                LocalDate.parse("1991-04-05"), "IRN", "LA-PINE")).get("id").asText());
        TestClient jena = TestClient.DETENTION_AGENCY.atFacilities("LA-JENA");
        TestClient noClaim = TestClient.DETENTION_AGENCY.withoutFacilities();
        for (TestClient outsider : List.of(jena, noClaim)) {
            for (String path : List.of("/api/detainees/" + pine, "/api/detainees/" + pine + "/eligibility?destination=IRN&on="
                    + TODAY.plusDays(10))) {
                ResponseEntity<JsonNode> answer = call(HttpMethod.GET, path, null, outsider);
                assertThat(answer.getStatusCode()).as("%s %s", outsider.facilities(), path).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(answer.getBody().toString()).doesNotContain("Omid", "Rostami");
            }
            ResponseEntity<JsonNode> hold = call(HttpMethod.POST, "/api/detainees/" + pine + "/legal-holds",
                    Map.of("kind", "APPEAL", "reference", "AP-9"), outsider);
            assertThat(hold.getStatusCode()).as("write by %s", outsider.facilities()).isEqualTo(HttpStatus.NOT_FOUND);
            JsonNode page = call(HttpMethod.GET, "/api/detainees?facilityCode=LA-PINE&size=100", null, outsider).getBody();
            assertThat(page.get("content").findValuesAsText("id")).doesNotContain(pine.toString());
        }
        JsonNode all = call(HttpMethod.GET, "/api/detainees?facilityCode=LA-PINE&size=100", null,
                TestClient.DETENTION_AGENCY).getBody();
        assertThat(all.get("content").findValuesAsText("id")).contains(pine.toString());
        assertThat(call(HttpMethod.GET, "/api/detainees", null, noClaim).getBody().get("totalElements").asLong())
                .isZero();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
