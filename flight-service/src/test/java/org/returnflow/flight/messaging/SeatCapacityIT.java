package org.returnflow.flight.messaging;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.flight.FlightApi;
import org.returnflow.flight.domain.SeatAllocation;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnflow.flight.FlightApi.ofType;

/**
 * S7 under real concurrency on real PostgreSQL: 200 cases ask at once for the 120 returnee seats
 * of one flight (125 seats, 5 for escorts). Exactly 120 get a seat, 80 are told there is none, and
 * no seat is given twice.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.messaging.concurrency=3",
        "returnflow.messaging.relay.poll-interval=100ms"})
class SeatCapacityIT {

    static final int CASES = 200;
    static final int SEATS_FOR_RETURNEES = 120;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SeatAllocation seats;

    @Test
    void twoHundredBookSeatCommandsOverKafkaGetExactly120Seats() throws Exception {
        FlightApi api = new FlightApi(http);
        UUID flightId = api.schedule("RF101", "IKA", "IRN", 30, 125, 5);
        Set<String> cases = new HashSet<>();
        Instant notBefore = Instant.now();

        try (TopicProbe probe = TopicProbe.on(Topics.FLIGHT_EVENTS);
             CloudEventSender sender = CloudEventSender.toTestBroker()) {
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                UUID caseId = UUID.randomUUID();
                cases.add(caseId.toString());
                sent.add(senders.submit(() -> sender.send(new BookSeat(caseId, "IRN", notBefore, null))));
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();

            List<ReceivedEvent> replies = probe.await(e -> cases.contains(e.subject())
                    && (ofType(SeatBooked.class).test(e) || ofType(SeatUnavailable.class).test(e)),
                    CASES, Duration.ofMinutes(3));

            List<SeatBooked> booked = replies.stream().filter(ofType(SeatBooked.class))
                    .map(e -> e.data(SeatBooked.class)).toList();
            assertThat(booked).hasSize(SEATS_FOR_RETURNEES);
            assertThat(replies.stream().filter(ofType(SeatUnavailable.class))).hasSize(CASES - SEATS_FOR_RETURNEES);
            assertThat(replies).map(ReceivedEvent::subject).as("one reply per case").doesNotHaveDuplicates();
            assertThat(booked).map(SeatBooked::seat).as("no seat given twice").doesNotHaveDuplicates();
            assertThat(booked).allSatisfy(b -> assertThat(b.flightId()).isEqualTo(flightId));
            assertThat(replies).allSatisfy(e -> assertThat(e.schemaErrors()).as(e.type()).isEmpty());
        }

        assertThat(activeEntries(flightId)).isEqualTo(SEATS_FOR_RETURNEES);
        Map<String, Object> flight = new FlightApi(http).flight(flightId);
        assertThat(flight).containsEntry("seatsBooked", SEATS_FOR_RETURNEES).containsEntry("seatsAvailable", 0);
        assertThat(new FlightApi(http).manifest(flightId))
                .containsEntry("activeCount", SEATS_FOR_RETURNEES).containsEntry("utilization", 1.0);
    }

    @Test
    void twoHundredThreadsBookingAtOnceGetExactly120Seats() throws Exception {
        UUID flightId = new FlightApi(http).schedule("RF202", "PTY", "PAN", 30, 125, 5);
        Instant notBefore = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(CASES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SeatAllocation.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            BookSeat command = new BookSeat(UUID.randomUUID(), "PAN", notBefore, null);
            outcomes.add(pool.submit(() -> {
                start.await();
                return seats.book(command, "/returnflow/test", UUID.randomUUID());
            }));
        }
        start.countDown();
        List<SeatAllocation.Outcome> results = new ArrayList<>();
        for (Future<SeatAllocation.Outcome> f : outcomes) {
            results.add(f.get(3, TimeUnit.MINUTES));
        }
        pool.shutdown();

        List<SeatBooked> booked = results.stream().filter(SeatAllocation.Booked.class::isInstance)
                .map(r -> ((SeatAllocation.Booked) r).event()).toList();
        assertThat(booked).hasSize(SEATS_FOR_RETURNEES);
        assertThat(results.stream().filter(SeatAllocation.Unavailable.class::isInstance))
                .hasSize(CASES - SEATS_FOR_RETURNEES);
        assertThat(booked).map(SeatBooked::seat).doesNotHaveDuplicates();
        assertThat(activeEntries(flightId)).isEqualTo(SEATS_FOR_RETURNEES);
        assertThat(jdbc.queryForObject("select seats_booked from flight where id = ?", Integer.class, flightId))
                .isEqualTo(SEATS_FOR_RETURNEES);
    }

    @Test
    void theDatabaseRefusesToOverbookEvenWhenTheCodeIsBypassed() {
        UUID flightId = new FlightApi(http).schedule("RF303", "KBL", "AFG", 30, 3, 1);
        jdbc.update("update flight set seats_booked = 2 where id = ?", flightId);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                jdbc.update("update flight set seats_booked = 3 where id = ?", flightId)))
                .hasMessageContaining("flight_never_overbooked");
        UUID caseId = UUID.randomUUID();
        jdbc.update("insert into manifest_entry (id, flight_id, case_id, seat_number, seat, booked_at) "
                + "values (?, ?, ?, 1, '1B', now())", UUID.randomUUID(), flightId, caseId);
        UUID otherFlight = new FlightApi(http).schedule("RF304", "KBL", "AFG", 31, 3, 1);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                jdbc.update("insert into manifest_entry (id, flight_id, case_id, seat_number, seat, booked_at) "
                        + "values (?, ?, ?, 1, '1B', now())", UUID.randomUUID(), otherFlight, caseId)))
                .as("a second active seat for one case").hasMessageContaining("manifest_entry_one_active_seat_per_case");
    }

    private int activeEntries(UUID flightId) {
        return jdbc.queryForObject("select count(*) from manifest_entry where flight_id = ? and struck_at is null",
                Integer.class, flightId);
    }
}
