package org.returnflow.detention;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake in bulk (issue 17: an operation of 400 people registered in a handful of calls) over real
 * HTTP with real tokens on real PostgreSQL: each person is registered with their records or refused
 * as a whole, a refusal never stops the rest, and a body that breaks its schema writes nothing.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationBatchIT {

    private static final LocalDate TODAY = LocalDate.now();
    private static final TestClient JENA = TestClient.DETENTION_AGENCY.atFacilities("LA-JENA");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachPersonIsRegisteredWithTheirRecordsOrRefusedAsAWholeAndTheRestGoOn() {
        String family = "Batch" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9-]", "x");
        LocalDate born = LocalDate.of(1988, 4, 2);
        Map<String, Object> first = intake(DetentionHttp.registration("Dariush", family, born, "IRN", "LA-JENA"));
        Map<String, Object> twin = intake(DetentionHttp.registration("Dariush", family, born, "IRN", "LA-JENA"));
        Map<String, Object> elsewhere = intake(DetentionHttp.registration("Reza", family, born, "IRN", "LA-PINE"));
        Map<String, Object> badDates = intake(DetentionHttp.registration("Sara", family, LocalDate.of(1995, 1, 1),
                "IRN", "LA-JENA"));
        badDates.put("residencePermits", List.of(Map.of("type", "TEMPORARY_PROTECTED_STATUS", "number", "TPS-1",
                "validFrom", TODAY.toString(), "validUntil", TODAY.minusDays(1).toString())));

        ResponseEntity<JsonNode> answer = batch(List.of(first, twin, elsewhere, badDates), JENA);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = answer.getBody();
        assertThat(body.at("/registered").asInt()).isEqualTo(1);
        assertThat(body.at("/refused").asInt()).isEqualTo(3);
        JsonNode registered = body.at("/results/0");
        assertThat(registered.at("/status").asText()).isEqualTo("REGISTERED");
        assertThat(registered.at("/caseNumber").asText()).startsWith("RF-");
        UUID id = UUID.fromString(registered.at("/id").asText());
        assertThat(registered.at("/legalHoldIds")).hasSize(1);
        assertThat(registered.at("/propertyItemIds")).hasSize(2);
        assertThat(count("travel_document", id)).isEqualTo(1);
        assertThat(count("medical_clearance", id)).isEqualTo(1);
        assertThat(count("legal_hold", id)).isEqualTo(1);
        assertThat(count("property_item", id)).isEqualTo(2);

        // the same person again (a name that sounds the same): refused, naming the record on file
        assertThat(body.at("/results/1/status").asText()).isEqualTo("REFUSED");
        assertThat(body.at("/results/1/problem/status").asInt()).isEqualTo(409);
        assertThat(body.at("/results/1/problem/existingIds/0").asText()).isEqualTo(id.toString());
        // another facility's person: refused as the single call would be
        assertThat(body.at("/results/2/problem/status").asInt()).isEqualTo(403);
        assertThat(body.at("/results/2/problem/field").asText()).isEqualTo("facilityCode");
        // a permit that ends before it begins: the person and all their records are left out
        assertThat(body.at("/results/3/problem/status").asInt()).isEqualTo(400);
        assertThat(body.at("/results/3/problem/field").asText()).isEqualTo("validUntil");
        assertThat(jdbc.queryForObject("select count(*) from detainee where family_name = ?", Integer.class, family))
                .as("only the first person is on record").isEqualTo(1);
    }

    @Test
    void aBodyThatBreaksItsSchemaIsRefusedWholeNamingTheField() {
        String family = "Schema" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9-]", "y");
        Map<String, Object> good = intake(DetentionHttp.registration("Ali", family, LocalDate.of(1990, 5, 5), "IRN",
                "LA-JENA"));
        Map<String, Object> broken = intake(DetentionHttp.registration("Omid", family, LocalDate.of(1991, 5, 5), "IRN",
                "LA-JENA"));
        broken.put("travelDocuments", List.of(Map.of("kind", "PASSPORT", "number", " ", "issuingCountry", "IRN",
                "validUntil", TODAY.plusYears(1).toString())));

        ResponseEntity<JsonNode> answer = batch(List.of(good, broken), JENA);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().toString()).contains("people[1].travelDocuments[0].number");
        assertThat(jdbc.queryForObject("select count(*) from detainee where family_name = ?", Integer.class, family))
                .as("nothing written").isZero();

        assertThat(batch(List.of(), JENA).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(batch(List.of(good), TestClient.DETENTION_AGENCY.withScopes("detention:read")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    // ----

    /** A person with a passport, a fit-to-fly clearance, an appeal on file and two items of property. */
    private static Map<String, Object> intake(Map<String, Object> registration) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("person", registration);
        entry.put("travelDocuments", List.of(Map.of("kind", "PASSPORT", "number", "P" + Math.abs(registration.hashCode()),
                "issuingCountry", "IRN", "validUntil", TODAY.plusYears(3).toString())));
        entry.put("medicalClearances", List.of(Map.of("fitToFly", true, "assessedOn", TODAY.toString(),
                "validUntil", TODAY.plusMonths(6).toString())));
        entry.put("legalHolds", List.of(Map.of("kind", "APPEAL", "reference", "BIA-2026-0042")));
        entry.put("property", List.of(Map.of("description", "Passport and national identity card", "kind", "ID_DOCUMENT"),
                Map.of("description", "Luggage: one bag", "kind", "LUGGAGE")));
        return entry;
    }

    private ResponseEntity<JsonNode> batch(List<Map<String, Object>> people, TestClient client) {
        return new DetentionHttp(http).call(HttpMethod.POST, "/api/detainees/batch", Map.of("people", people), client);
    }

    private int count(String table, UUID detaineeId) {
        return jdbc.queryForObject("select count(*) from " + table + " where detainee_id = ?", Integer.class, detaineeId);
    }
}
