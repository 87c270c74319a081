package org.returnflow.flight;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnflow.flight.FlightApi.ofType;

/**
 * Flight day for the first flight of the reference operation (RF2601, AEX - DOH - IKA, 125 seats
 * of which 5 for escorts), over real HTTP with real tokens, on real PostgreSQL and Kafka: boarding
 * 120 in one call with 3 refusals boards the other 117, the carrier's manifest lists them as CSV
 * and PDF, and handover goes the same way.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.messaging.relay.poll-interval=100ms")
class FlightDayIT extends FlightServiceITSupport {

    @Test
    void boardingAHundredAndTwentyWithThreeRefusalsBoardsTheOtherHundredAndSeventeen() throws IOException {
        UUID flightId = api.schedule("RF2601", "IKA", "IRN", 30, 125, 5);
        String flight = "/api/flights/" + flightId;
        List<UUID> booked = new ArrayList<>();
        for (int i = 0; i < 118; i++) {
            UUID caseId = UUID.randomUUID();
            booked.add(caseId);
            sender.send(new BookSeat(caseId, "IRN", Instant.now(), 120));
        }
        Set<String> bookedIds = new HashSet<>(booked.stream().map(UUID::toString).toList());
        events.await(ofType(SeatBooked.class).and(e -> bookedIds.contains(e.subject())), 118, WAIT);
        // Refusal 1: a person offloaded before boarding.
        UUID offloaded = booked.get(40);
        done(flight + "/manifest/" + offloaded + "/offload", Map.of("reason", "MEDICAL_UNFIT"));
        List<UUID> active = booked.stream().filter(c -> !c.equals(offloaded)).toList();
        // Refusal 2: a person who left on another flight that has departed.
        UUID otherFlight = api.schedule("RF2701", "KBL", "AFG", 5, 10, 1);
        UUID gone = UUID.randomUUID();
        sender.send(new BookSeat(gone, "AFG", Instant.now(), null));
        awaitEvent(SeatBooked.class, gone);
        api.authoriseTransit(otherFlight);
        done("/api/flights/" + otherFlight + "/lock-manifest", Map.of());
        done("/api/flights/" + otherFlight + "/manifest/" + gone + "/board", Map.of());
        done("/api/flights/" + otherFlight + "/depart", Map.of());
        // Refusal 3: a case that never held a seat.
        UUID unknown = UUID.randomUUID();
        api.authoriseTransit(flightId);
        done(flight + "/lock-manifest", Map.of());

        List<UUID> items = new ArrayList<>(active);
        items.add(10, offloaded);
        items.add(60, unknown);
        items.add(100, gone);
        ResponseEntity<Map> answer = bulk(flight + "/board", items.stream().map(c -> Map.<String, Object>of("caseId", c)).toList());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).containsEntry("done", 117).containsEntry("refused", 3);
        List<Map<String, Object>> results = (List<Map<String, Object>>) answer.getBody().get("results");
        assertThat(results).hasSize(120);
        assertThat(results).extracting(r -> r.get("caseId")).containsExactlyElementsOf(
                items.stream().map(UUID::toString).toList());
        assertThat(results.get(10)).containsEntry("status", "REFUSED");
        assertThat((Map<String, Object>) results.get(10).get("problem")).containsEntry("status", 409)
                .satisfies(p -> assertThat((String) p.get("detail")).contains("OFFLOADED"));
        assertThat((Map<String, Object>) results.get(60).get("problem")).containsEntry("status", 404);
        assertThat((Map<String, Object>) results.get(100).get("problem")).containsEntry("status", 404);
        assertThat(results.stream().filter(r -> "DONE".equals(r.get("status"))))
                .hasSize(117).allSatisfy(r -> assertThat(r).containsEntry("changed", true).doesNotContainKey("problem"));

        Map<String, Object> manifest = api.manifest(flightId);
        assertThat(manifest).containsEntry("activeCount", 117).containsEntry("boardedCount", 117)
                .containsEntry("struckCount", 1);
        Set<String> activeIds = new HashSet<>(active.stream().map(UUID::toString).toList());
        assertThat(events.await(ofType(PassengerBoarded.class).and(e -> activeIds.contains(e.subject())), 117, WAIT))
                .allSatisfy(e -> assertThat(e.key()).isEqualTo(e.subject()));

        // The same batch again (a retry after a timeout) boards nobody twice.
        ResponseEntity<Map> retried = bulk(flight + "/board", items.stream().map(c -> Map.<String, Object>of("caseId", c)).toList());
        assertThat(retried.getBody()).containsEntry("done", 117).containsEntry("refused", 3);
        assertThat((List<Map<String, Object>>) retried.getBody().get("results"))
                .filteredOn(r -> "DONE".equals(r.get("status"))).allSatisfy(r -> assertThat(r)
                        .containsEntry("changed", false));
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where type = ?", Integer.class,
                MessageCatalog.byClass(PassengerBoarded.class).type())).isEqualTo(118);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'PASSENGER_BOARDED' "
                + "and principal = 'flight-operations'", Integer.class)).isEqualTo(118);

        // Handover is only after arrival: every item refused, nothing else stops.
        ResponseEntity<Map> tooEarly = bulk(flight + "/handover", List.of(handover(active.get(0)),
                handover(active.get(1))));
        assertThat(tooEarly.getBody()).containsEntry("done", 0).containsEntry("refused", 2);

        papersListEveryActiveEntry(flightId, active, offloaded);

        done(flight + "/depart", Map.of());
        done(flight + "/arrive", Map.of());
        List<Map<String, Object>> handovers = new ArrayList<>(active.stream().map(FlightDayIT::handover).toList());
        handovers.add(handover(unknown));
        ResponseEntity<Map> handedOver = bulk(flight + "/handover", handovers);
        assertThat(handedOver.getBody()).containsEntry("done", 117).containsEntry("refused", 1);
        List<ReceivedEvent> confirmed = events.await(ofType(HandoverConfirmed.class)
                .and(e -> activeIds.contains(e.subject())), 117, WAIT);
        assertThat(confirmed).allSatisfy(e -> assertThat(e.json()).doesNotContain("Karimi"));
        assertThat(bulk(flight + "/handover", List.of(handover(active.get(0)))).getBody())
                .containsEntry("done", 1);
    }

    /** The papers after boarding: a CSV line and a PDF row per active entry, names only with the right. */
    private void papersListEveryActiveEntry(UUID flightId, List<UUID> active, UUID offloaded) throws IOException {
        String flight = "/api/flights/" + flightId;
        ResponseEntity<byte[]> csv = getBytes(flight + "/manifest.csv", TestClient.FLIGHT_OPERATIONS);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> lines = List.of(new String(csv.getBody(), StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines).hasSize(118);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).contains("seat", "caseId", "state").doesNotContain("familyName");
        Map<String, String> seatByCase = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(header.size());
            assertThat(cells[header.indexOf("state")]).isEqualTo("BOARDED");
            seatByCase.put(cells[header.indexOf("caseId")], cells[header.indexOf("seat")]);
        }
        assertThat(seatByCase.keySet()).containsExactlyInAnyOrderElementsOf(active.stream().map(UUID::toString).toList());
        assertThat(new HashSet<>(seatByCase.values())).hasSize(117);

        ResponseEntity<byte[]> pdf = getBytes(flight + "/manifest.pdf", TestClient.FLIGHT_OPERATIONS);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(pdfText(pdf.getBody(), active)).contains("Passenger manifest  RF2601", "DOH (stopover)",
                "Escort seats: 1A 1B 1C 1D 1E", "On the manifest 117, boarded 117", "Names not shown");

        assertThat(getBytes(flight + "/manifest.pdf", TestClient.PARTNER_MONITOR).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(getBytes(flight + "/manifest.pdf?purpose=return-monitoring", TestClient.PARTNER_MONITOR)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForList("select purpose from audit_entry where principal = 'partner-monitor' "
                + "and action = 'PARTNER_READ' and subject_id = ?", String.class, flightId.toString()))
                .containsExactly("return-monitoring");

        // The caller's JOIN: case numbers, nationality and documents it read in detention, printed, not kept.
        List<Map<String, Object>> details = new ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            details.add(details(active.get(i), i + 1, false));
        }
        ResponseEntity<byte[]> carrier = postBytes(flight + "/manifest.pdf", Map.of("passengers", details),
                TestClient.FLIGHT_OPERATIONS);
        assertThat(carrier.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdfText(carrier.getBody(), active)).contains("RF-2026-000001", "P90000117", "2031-06-30");
        String out = System.getProperty("manifest.pdf.out");
        if (out != null) {
            Files.write(Path.of(out), carrier.getBody());
        }
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns where table_schema = 'public' "
                + "and column_name in ('document_number', 'case_number')", Integer.class)).isZero();
        // Flight keeps a nationality only from BookSeat (for transit refusals), never from the papers.
        assertThat(jdbc.queryForObject("select count(*) from manifest_entry where nationality is not null",
                Integer.class)).isZero();

        // Names only for a caller that may read them in detention, and each printed name is audited.
        List<Map<String, Object>> named = new ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            named.add(details(active.get(i), i + 1, true));
        }
        ResponseEntity<Map> refused = http.exchange(flight + "/manifest.pdf", HttpMethod.POST,
                json(Map.of("passengers", named), TestClient.FLIGHT_OPERATIONS), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody().toString()).contains("passengers[0].familyName");
        ResponseEntity<byte[]> withNames = postBytes(flight + "/manifest.csv", Map.of("passengers", named),
                TestClient.DEV);
        assertThat(withNames.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new String(withNames.getBody(), StandardCharsets.UTF_8)).contains(",familyName,givenName,")
                .contains(",Rahimi,Dariush,").contains(",Mohammadi,Dariush,");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'READ' "
                + "and subject_type = 'PASSENGER_NAME' and principal = 'returnflow-dev'", Integer.class)).isEqualTo(117);

        ResponseEntity<Map> notOnBoard = http.exchange(flight + "/manifest.pdf", HttpMethod.POST,
                json(Map.of("passengers", List.of(details(offloaded, 1, false))), TestClient.FLIGHT_OPERATIONS),
                Map.class);
        assertThat(notOnBoard.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(notOnBoard.getBody().toString()).contains("passengers[0].caseId");
    }

    private static Map<String, Object> details(UUID caseId, int n, boolean names) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("caseId", caseId);
        d.put("caseNumber", "RF-2026-%06d".formatted(n));
        d.put("nationality", "IRN");
        d.put("documentNumber", "P9%07d".formatted(n));
        d.put("documentIssuingCountry", "IRN");
        d.put("documentValidUntil", "2031-06-30");
        if (names) {
            d.put("familyName", n % 2 == 0 ? "Rahimi" : "Mohammadi");
            d.put("givenName", "Dariush");
        }
        return d;
    }

    private static String pdfText(byte[] pdf, List<UUID> active) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(active.stream().map(UUID::toString).toList());
            return text;
        }
    }

    private static Map<String, Object> handover(UUID caseId) {
        return Map.of("caseId", caseId, "receivedBy", "Officer R. Karimi");
    }

    private ResponseEntity<Map> bulk(String path, List<Map<String, Object>> items) {
        return api.post(path, Map.of("items", items), TestClient.FLIGHT_OPERATIONS);
    }

    private ResponseEntity<byte[]> getBytes(String path, TestClient client) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(client.headers()), byte[].class);
    }

    private ResponseEntity<byte[]> postBytes(String path, Object body, TestClient client) {
        return http.exchange(path, HttpMethod.POST, json(body, client), byte[].class);
    }

    private static HttpEntity<Object> json(Object body, TestClient client) {
        HttpHeaders headers = client.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
