package org.returnflow.flight;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.FlightRescheduled;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnflow.flight.FlightApi.ofType;

/**
 * Flight changes as an agency makes them (each test on flights to its own country, so that
 * bookings never land on another test's flight) over real HTTP with real tokens, on real PostgreSQL and
 * Kafka: a reschedule reaches the flight and each case on its own partition, an offload and a move
 * tell the case with a SeatReleased no command asked for, and a move never overbooks.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.messaging.relay.poll-interval=100ms")
class FlightChangesIT extends FlightServiceITSupport {

    @AfterEach
    void noCaseHoldsTwoSeatsAndEveryCounterMatchesItsManifest() {
        assertThat(jdbc.queryForList("select case_id from manifest_entry where struck_at is null group by case_id "
                + "having count(*) > 1")).isEmpty();
        assertThat(jdbc.queryForList("select f.id from flight f where f.seats_booked <> (select count(*) from "
                + "manifest_entry e where e.flight_id = f.id and e.struck_at is null)")).isEmpty();
    }

    @Test
    void aRescheduleReachesTheFlightAndEachCaseOnItsOwnPartition() {
        UUID flightId = api.schedule("RF501", "BGW", "IRQ", 30, 125, 5);
        List<UUID> cases = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        cases.forEach(c -> book(c, "IRQ", Instant.now()));
        cases.forEach(c -> awaitEvent(SeatBooked.class, c));
        Map<String, Object> before = api.flight(flightId);
        Instant previous = Instant.parse((String) before.get("departureAt"));
        Instant later = previous.plus(6, ChronoUnit.HOURS);
        String path = "/api/flights/" + flightId + "/reschedule";

        ResponseEntity<Map> moved = api.post(path, Map.of("departureAt", later.toString(), "reason", "CREW_REST",
                "note", "Crew out of hours after the delay at AEX"), TestClient.FLIGHT_OPERATIONS);

        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(moved.getBody()).containsEntry("departureAt", later.toString())
                .containsEntry("originalDepartureAt", previous.toString())
                .containsEntry("rescheduleReason", "CREW_REST").containsEntry("status", "SCHEDULED")
                .containsEntry("seatsBooked", 3);
        Map<String, Object> stop = ((List<Map<String, Object>>) moved.getBody().get("stopovers")).get(0);
        assertThat(stop).containsEntry("arriveAt", previous.plus(20, ChronoUnit.HOURS).toString());

        ReceivedEvent flightLevel = awaitEvent(FlightRescheduled.class, flightId);
        assertThat(flightLevel.key()).isEqualTo(flightId.toString());
        FlightRescheduled data = flightLevel.data(FlightRescheduled.class);
        assertThat(data.caseId()).isNull();
        assertThat(data.caseIds()).containsExactlyInAnyOrderElementsOf(cases);
        assertThat(data.previousDepartureAt()).isEqualTo(previous);
        assertThat(data.departureAt()).isEqualTo(later);
        assertThat(data.reason()).isEqualTo("CREW_REST");
        assertThat(flightLevel.json()).doesNotContain("out of hours");
        for (UUID caseId : cases) {
            ReceivedEvent copy = awaitEvent(FlightRescheduled.class, caseId);
            assertThat(copy.key()).isEqualTo(caseId.toString());
            assertThat(copy.data(FlightRescheduled.class)).isEqualTo(new FlightRescheduled(flightId, previous, later,
                    "CREW_REST", List.of(caseId), data.rescheduledAt(), caseId));
        }

        // The same times again (a retried call) change nothing and publish nothing.
        assertThat(api.post(path, Map.of("departureAt", later.toString(), "reason", "CREW_REST"),
                TestClient.FLIGHT_OPERATIONS).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(outboxCount(FlightRescheduled.class, flightId, cases)).isEqualTo(4);

        // A locked manifest stays locked through a delay, and every case keeps its seat.
        api.authoriseTransit(flightId);
        assertThat(api.post("/api/flights/" + flightId + "/lock-manifest", Map.of(), TestClient.FLIGHT_OPERATIONS)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        Instant later2 = later.plus(2, ChronoUnit.HOURS);
        ResponseEntity<Map> delayedAgain = api.post(path, Map.of("departureAt", later2.toString(),
                "reason", "WEATHER"), TestClient.FLIGHT_OPERATIONS);
        assertThat(delayedAgain.getBody()).containsEntry("status", "MANIFEST_LOCKED").containsEntry("seatsBooked", 3)
                .containsEntry("originalDepartureAt", previous.toString());
        assertThat(awaitEvents(FlightRescheduled.class, cases.get(0), 2)).last()
                .satisfies(e -> assertThat(e.data(FlightRescheduled.class).previousDepartureAt()).isEqualTo(later));

        // Into the past, or with other airports: 400 naming the field. After departure: 409.
        assertProblem(api.post(path, Map.of("departureAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                "reason", "WEATHER"), TestClient.FLIGHT_OPERATIONS), HttpStatus.BAD_REQUEST, "departureAt");
        assertProblem(api.post(path, Map.of("departureAt", later2.plus(1, ChronoUnit.HOURS).toString(),
                "reason", "WEATHER", "stopovers", List.of(Map.of("airport", "BAH",
                        "arriveAt", later2.plus(14, ChronoUnit.HOURS).toString(),
                        "departAt", later2.plus(16, ChronoUnit.HOURS).toString()))), TestClient.FLIGHT_OPERATIONS),
                HttpStatus.BAD_REQUEST, "stopovers[0].airport");
        assertThat(api.post("/api/flights/" + flightId + "/depart", Map.of(), TestClient.FLIGHT_OPERATIONS)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> afterDeparture = api.post(path, Map.of("departureAt", later2.plus(1, ChronoUnit.HOURS)
                .toString(), "reason", "WEATHER"), TestClient.FLIGHT_OPERATIONS);
        assertThat(afterDeparture.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) afterDeparture.getBody().get("detail")).contains("is DEPARTED");
        assertThat(api.post(path, Map.of("departureAt", later2.toString(), "reason", "WEATHER"),
                TestClient.PARTNER_MONITOR).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(jdbc.queryForList("select detail from audit_entry where principal = 'flight-operations' "
                + "and action = 'FLIGHT_RESCHEDULED' and subject_id = ? order by id", String.class, flightId.toString()))
                .hasSize(2).first().asString().contains("CREW_REST").contains(previous.toString());
    }

    @Test
    void anOffloadStrikesTheEntryFreesTheSeatAndTellsTheCaseAlone() {
        UUID flightId = api.schedule("RF601", "DAM", "SYR", 25, 3, 1);
        UUID off = UUID.randomUUID();
        UUID stays = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        book(off, "SYR", Instant.now());
        book(stays, "SYR", Instant.now());
        String seat = awaitEvent(SeatBooked.class, off).data(SeatBooked.class).seat();
        awaitEvent(SeatBooked.class, stays);
        book(waiting, "SYR", Instant.now());
        awaitEvent(SeatUnavailable.class, waiting);
        String entry = "/api/flights/" + flightId + "/manifest/" + off;

        ResponseEntity<Map> offloaded = api.post(entry + "/offload", Map.of("reason", "MEDICAL_UNFIT"),
                TestClient.FLIGHT_OPERATIONS);

        assertThat(offloaded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(offloaded.getBody()).containsEntry("reasonStruck", "OFFLOADED")
                .containsEntry("agencyReason", "MEDICAL_UNFIT").containsKey("struckAt");
        ReceivedEvent released = awaitEvent(SeatReleased.class, off);
        assertThat(released.key()).isEqualTo(off.toString());
        assertThat(released.data(SeatReleased.class)).satisfies(r -> {
            assertThat(r.reason()).isEqualTo("OFFLOADED");
            assertThat(r.requestId()).isNull();
            assertThat(r.movedToFlightId()).isNull();
            assertThat(r.seat()).isEqualTo(seat);
            assertThat(r.flightId()).isEqualTo(flightId);
        });
        // The agency's reason may say something about the person: it stays in flight, for non-partners.
        assertThat(released.json()).doesNotContain("MEDICAL");
        Map<String, Object> partnerView = api.get("/api/flights/" + flightId + "/manifest?purpose=monitoring",
                TestClient.PARTNER_MONITOR).getBody();
        assertThat((List<Map<String, Object>>) partnerView.get("struck")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("reasonStruck", "OFFLOADED")
                        .doesNotContainKey("agencyReason"));
        assertThat(api.flight(flightId)).containsEntry("seatsBooked", 1).containsEntry("seatsAvailable", 1);

        // The freed seat goes to the case that waited, and the flight still holds no more than its seats.
        book(waiting, "SYR", Instant.now());
        assertThat(awaitEvent(SeatBooked.class, waiting).data(SeatBooked.class).seat()).isEqualTo(seat);
        assertThat(api.flight(flightId)).containsEntry("seatsBooked", 2).containsEntry("seatsAvailable", 0);

        assertProblem(api.post(entry + "/offload", Map.of("reason", "MEDICAL_UNFIT"), TestClient.FLIGHT_OPERATIONS),
                HttpStatus.CONFLICT, null);
        assertThat(api.post("/api/flights/" + flightId + "/manifest/" + UUID.randomUUID() + "/offload",
                Map.of("reason", "MEDICAL_UNFIT"), TestClient.FLIGHT_OPERATIONS).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // Someone on board may still be taken off before departure; after departure nobody is.
        api.authoriseTransit(flightId);
        done("/api/flights/" + flightId + "/lock-manifest", Map.of());
        done("/api/flights/" + flightId + "/manifest/" + stays + "/board", Map.of());
        done("/api/flights/" + flightId + "/manifest/" + waiting + "/board", Map.of());
        assertThat(api.post("/api/flights/" + flightId + "/manifest/" + waiting + "/offload",
                Map.of("reason", "DISRUPTIVE_CONDUCT"), TestClient.FLIGHT_OPERATIONS).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        done("/api/flights/" + flightId + "/depart", Map.of());
        ResponseEntity<Map> afterDeparture = api.post("/api/flights/" + flightId + "/manifest/" + stays + "/offload",
                Map.of("reason", "MEDICAL_UNFIT"), TestClient.FLIGHT_OPERATIONS);
        assertThat(afterDeparture.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) afterDeparture.getBody().get("detail")).contains("is DEPARTED");
        assertThat(jdbc.queryForList("select subject_id from audit_entry where principal = 'flight-operations' "
                + "and action = 'PASSENGER_OFFLOADED' order by id", String.class))
                .containsExactly(off.toString(), waiting.toString());
    }

    @Test
    void aMoveStrikesHereAndBooksThereInOneStepAndTheCasesNextBookingGetsThatSeat() {
        UUID from = api.schedule("RF701", "IKA", "IRN", 30, 10, 0);
        UUID to = api.schedule("RF702", "IKA", "IRN", 32, 2, 0);
        UUID x = UUID.randomUUID();
        UUID y = UUID.randomUUID();
        UUID w = UUID.randomUUID();
        book(x, "IRN", Instant.now());
        book(y, "IRN", Instant.now());
        book(w, "IRN", Instant.now().plus(31, ChronoUnit.DAYS));
        String fromSeat = awaitEvent(SeatBooked.class, x).data(SeatBooked.class).seat();
        awaitEvent(SeatBooked.class, y);
        assertThat(awaitEvent(SeatBooked.class, w).data(SeatBooked.class).flightId()).isEqualTo(to);

        ResponseEntity<Map> moved = move(from, x, to);

        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> struck = (Map<String, Object>) moved.getBody().get("from");
        Map<String, Object> held = (Map<String, Object>) moved.getBody().get("to");
        assertThat(struck).containsEntry("reasonStruck", "MOVED").containsEntry("agencyReason", "LOAD_BALANCING")
                .containsEntry("movedToFlightId", to.toString()).containsEntry("seat", fromSeat);
        assertThat(held).containsEntry("flightId", to.toString()).doesNotContainKey("reasonStruck");
        List<ReceivedEvent> forX = events.await(e -> e.subject().equals(x.toString())
                && (ofType(SeatReleased.class).test(e) || ofType(SeatBooked.class).test(e)), 3, WAIT);
        // On the case's partition: its first booking, then the release, then the new seat.
        assertThat(forX).extracting(ReceivedEvent::type).containsExactly(type(SeatBooked.class),
                type(SeatReleased.class), type(SeatBooked.class));
        assertThat(forX).allSatisfy(e -> assertThat(e.key()).isEqualTo(x.toString()));
        SeatReleased released = forX.get(1).data(SeatReleased.class);
        assertThat(released.reason()).isEqualTo("MOVED");
        assertThat(released.requestId()).isNull();
        assertThat(released.flightId()).isEqualTo(from);
        assertThat(released.movedToFlightId()).isEqualTo(to);
        SeatBooked booked = forX.get(2).data(SeatBooked.class);
        assertThat(booked.requestId()).isNull();
        assertThat(booked.flightId()).isEqualTo(to);
        assertThat(booked.seat()).isEqualTo(held.get("seat"));
        assertThat(api.flight(from)).containsEntry("seatsBooked", 1);
        assertThat(api.flight(to)).containsEntry("seatsBooked", 2).containsEntry("seatsAvailable", 0);

        // The process books again, and flight answers with the seat the case holds now.
        String request = sender.send(new BookSeat(x, "IRN", Instant.now(), null)).getId();
        ReceivedEvent again = events.await(ofType(SeatBooked.class).and(e -> e.subject().equals(x.toString())), 3, WAIT)
                .get(2);
        assertThat(again.data(SeatBooked.class)).satisfies(b -> {
            assertThat(b.flightId()).isEqualTo(to);
            assertThat(b.seat()).isEqualTo(held.get("seat"));
            assertThat(b.requestId()).hasToString(request);
        });

        // Refusals change nothing: a full flight, a flight that left earlier, another country, a locked
        // flight, no flight at all, the same flight.
        assertProblem(move(from, y, to), HttpStatus.CONFLICT, "toFlightId");
        UUID earlier = api.schedule("RF703", "IKA", "IRN", 20, 10, 0);
        assertProblem(move(from, y, earlier), HttpStatus.UNPROCESSABLE_ENTITY, "toFlightId");
        UUID lebanon = api.schedule("RF704", "BEY", "LBN", 35, 10, 0);
        assertProblem(move(from, y, lebanon), HttpStatus.UNPROCESSABLE_ENTITY, "toFlightId");
        UUID locked = api.schedule("RF705", "IKA", "IRN", 36, 10, 0);
        api.authoriseTransit(locked);
        done("/api/flights/" + locked + "/lock-manifest", Map.of());
        assertProblem(move(from, y, locked), HttpStatus.CONFLICT, "toFlightId");
        assertProblem(move(from, y, UUID.randomUUID()), HttpStatus.UNPROCESSABLE_ENTITY, "toFlightId");
        assertProblem(move(from, y, from), HttpStatus.BAD_REQUEST, "toFlightId");
        assertThat(api.flight(from)).containsEntry("seatsBooked", 1);
        assertThat(jdbc.queryForObject("select flight_id from manifest_entry where case_id = ? and struck_at is null",
                UUID.class, y)).isEqualTo(from);
        assertThat(outboxCount(SeatReleased.class, y, List.of())).isZero();

        assertThat(jdbc.queryForList("select detail from audit_entry where principal = 'flight-operations' "
                + "and action = 'PASSENGER_MOVED' and subject_id = ?", String.class, x.toString()))
                .singleElement().asString().contains("RF701").contains("RF702").contains("LOAD_BALANCING");
    }

    @Test
    void manyMovesAtOnceNeverOverbookTheTargetAndOppositeMovesDoNotDeadlock() throws Exception {
        UUID from = api.schedule("RF801", "KBL", "AFG", 30, 20, 0);
        UUID to = api.schedule("RF802", "KBL", "AFG", 31, 4, 0);
        List<UUID> cases = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID c = UUID.randomUUID();
            cases.add(c);
            book(c, "AFG", Instant.now());
        }
        cases.forEach(c -> awaitEvent(SeatBooked.class, c));
        UUID back = UUID.randomUUID();
        book(back, "AFG", Instant.now().plus(Duration.ofDays(30)).plus(Duration.ofHours(12)));
        assertThat(awaitEvent(SeatBooked.class, back).data(SeatBooked.class).flightId()).isEqualTo(to);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ResponseEntity<Map>>> answers = new ArrayList<>();
        for (UUID c : cases) {
            answers.add(pool.submit(() -> move(from, c, to)));
        }
        // One move the other way, locking the same two flights in the same order, at the same time.
        Future<ResponseEntity<Map>> opposite = pool.submit(() -> api.post("/api/flights/" + to + "/manifest/" + back
                + "/move", Map.of("toFlightId", from.toString(), "reason", "LOAD_BALANCING"),
                TestClient.FLIGHT_OPERATIONS));
        List<HttpStatus> statuses = new ArrayList<>();
        for (Future<ResponseEntity<Map>> f : answers) {
            statuses.add(HttpStatus.valueOf(f.get(60, TimeUnit.SECONDS).getStatusCode().value()));
        }
        ResponseEntity<Map> oppositeAnswer = opposite.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        // The flight back leaves earlier, so that move is refused as bringing a departure forward.
        assertProblem(oppositeAnswer, HttpStatus.UNPROCESSABLE_ENTITY, "toFlightId");
        long movedCount = statuses.stream().filter(s -> s == HttpStatus.OK).count();
        assertThat(statuses).containsOnly(HttpStatus.OK, HttpStatus.CONFLICT);
        assertThat(movedCount).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from manifest_entry where flight_id = ? and struck_at is null",
                Integer.class, to)).isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(distinct seat) from manifest_entry where flight_id = ? "
                + "and struck_at is null", Integer.class, to)).isEqualTo(4);
        assertThat(api.flight(from)).containsEntry("seatsBooked", 9);
        events.await(ofType(SeatReleased.class).and(e -> cases.contains(UUID.fromString(e.subject()))), 3, WAIT);
    }

    private void book(UUID caseId, String country, Instant notBefore) {
        sender.send(new BookSeat(caseId, country, notBefore, null));
    }

    private ResponseEntity<Map> move(UUID from, UUID caseId, UUID to) {
        return api.post("/api/flights/" + from + "/manifest/" + caseId + "/move",
                Map.of("toFlightId", to.toString(), "reason", "LOAD_BALANCING"), TestClient.FLIGHT_OPERATIONS);
    }

    private long outboxCount(Class<? extends Message> type, UUID subject, List<UUID> more) {
        List<String> subjects = new ArrayList<>(List.of(subject.toString()));
        more.forEach(c -> subjects.add(c.toString()));
        return jdbc.queryForObject("select count(*) from outbox_message where type = ? and subject = any(?)",
                Long.class, type(type), subjects.toArray(String[]::new));
    }

    private static String type(Class<? extends Message> type) {
        return MessageCatalog.byClass(type).type();
    }
}
