package org.returnflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What workload W1 needs before a case can run from start to NOTIFIED, put in through the public
 * APIs: the IRN consulate, eligible IRN detainees (final removal order, valid passport, fit to fly,
 * packed property, counsel of record) and enough IRN flights departing at least four days ahead to
 * seat every case. Seeding calls the services on their own ports, so the gateway's per-client rate
 * limit does not stretch it; the measured calls go through the gateway.
 */
public final class Seeder {

    /** Seats for returnees per flight: the DMN's maxPerFlight for IRN. */
    static final int SEATS_PER_FLIGHT = 120;
    private static final int ESCORTS = 10;
    private static final List<String> FACILITIES = List.of("LA-ASF", "LA-JENA", "LA-PINE", "LA-WINN", "LA-RICH", "LA-JACK");
    static final String CONSULATE_EMAIL = "consular.irn@bench.consulates.example";
    static final String COUNSEL_EMAIL = "counsel@bench.immigration-law.example";

    private final AgencyClient api;
    private final PrintStream out;
    private final int threads;
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 100_000);
    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger flightCount = new AtomicInteger();
    private final List<UUID> flights = Collections.synchronizedList(new ArrayList<>());

    public Seeder(AgencyClient api, PrintStream out, int threads) {
        this.api = api;
        this.out = out;
        this.threads = threads;
    }

    /** The flights this run scheduled. */
    public List<UUID> flights() {
        return List.copyOf(flights);
    }

    public void consulate() {
        api.call(AgencyClient.NOTIFICATIONS, "PUT", api.target().service("notification-service").resolve("/api/consulates/IRN"),
                Map.of("name", "Interests Section of the Islamic Republic of Iran (benchmark)", "email", CONSULATE_EMAIL));
    }

    /** Registers {@code count} eligible IRN detainees, {@code threads} at a time; returns their ids in order. */
    public List<UUID> detainees(int count) {
        if (count <= 0) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<UUID>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(this::detainee));
            }
            List<UUID> ids = new ArrayList<>(count);
            for (Future<UUID> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private UUID detainee() {
        int n = registered.incrementAndGet();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        URI detention = api.target().service("detention-service");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenName", "Bench");
        body.put("familyName", "Person " + run + "-" + n);
        body.put("dateOfBirth", today.minusYears(25 + n % 30).minusDays(n % 300).toString());
        body.put("nationality", "IRN");
        body.put("preferredLanguage", "fa");
        body.put("facilityCode", FACILITIES.get(n % FACILITIES.size()));
        body.put("detainedSince", today.minusDays(30 + n % 90).toString());
        body.put("counsel", Map.of("name", "Counsel of record", "email", COUNSEL_EMAIL));
        body.put("removalOrder", Map.of("issuedOn", today.minusDays(10).toString(), "isFinal", true));
        JsonNode created = api.call(AgencyClient.DETENTION, "POST", detention.resolve("/api/detainees"), body);
        UUID id = UUID.fromString(created.path("id").asText());
        String path = "/api/detainees/" + id;
        api.call(AgencyClient.DETENTION, "POST", detention.resolve(path + "/travel-documents"), Map.of("kind", "PASSPORT",
                "number", "B" + run + "-" + n, "issuingCountry", "IRN", "validUntil", today.plusYears(3).toString()));
        api.call(AgencyClient.DETENTION, "POST", detention.resolve(path + "/medical-clearances"), Map.of("fitToFly", true,
                "assessedOn", today.minusDays(2).toString(), "validUntil", today.plusDays(120).toString()));
        JsonNode item = api.call(AgencyClient.DETENTION, "POST", detention.resolve(path + "/property"),
                Map.of("description", "Passport and luggage", "kind", "LUGGAGE"));
        api.call(AgencyClient.DETENTION, "POST", detention.resolve(path + "/property/" + item.path("id").asText() + "/packed"), null);
        return id;
    }

    /**
     * Schedules IRN flights until the free seats on flights departing at least four days from now
     * cover {@code cases} more bookings, plus one flight to spare.
     *
     * @return the free seats now available
     */
    public int seatsFor(int cases) {
        URI flightService = api.target().service("flight-service");
        int free = freeSeats(flightService);
        int needed = cases + SEATS_PER_FLIGHT - free;
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(5));
        while (needed > 0) {
            int k = flightCount.incrementAndGet();
            Instant departure = base.plus(Duration.ofHours(2L * k));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("flightNumber", String.format("RB%05d%03d", Integer.parseInt(run) % 100_000, k % 1000));
            body.put("operator", "Benchmark Charter");
            body.put("departureAirport", "AEX");
            body.put("departureAt", departure.toString());
            body.put("stopovers", List.of(Map.of("airport", "DOH",
                    "arriveAt", departure.plus(Duration.ofHours(15)).toString(),
                    "departAt", departure.plus(Duration.ofHours(17)).toString())));
            body.put("arrivalAirport", "IKA");
            body.put("destinationCountry", "IRN");
            body.put("seatCapacity", SEATS_PER_FLIGHT + ESCORTS);
            body.put("escortSeats", ESCORTS);
            JsonNode flight = api.call(AgencyClient.FLIGHTS, "POST", flightService.resolve("/api/flights"), body);
            flights.add(UUID.fromString(flight.path("id").asText()));
            needed -= SEATS_PER_FLIGHT;
            free += SEATS_PER_FLIGHT;
        }
        return free;
    }

    /** Free seats on scheduled IRN flights that leave late enough for a booking made now (notice: 72 h). */
    private int freeSeats(URI flightService) {
        Instant earliest = Instant.now().plus(Duration.ofHours(76));
        int free = 0;
        for (JsonNode flight : allFlights(flightService)) {
            if ("SCHEDULED".equals(flight.path("status").asText())
                    && Instant.parse(flight.path("departureAt").asText()).isAfter(earliest)) {
                free += flight.path("seatsAvailable").asInt();
            }
        }
        return free;
    }

    /** Every IRN flight the flight service knows. */
    public List<JsonNode> allFlights(URI flightService) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = api.call(AgencyClient.FLIGHTS, "GET",
                    flightService.resolve("/api/flights?destinationCountry=IRN&size=100&page=" + page), null);
            answer.path("content").forEach(all::add);
            if (page + 1 >= answer.path("totalPages").asInt(0)) {
                return all;
            }
        }
    }

    public void log(String format, Object... args) {
        out.printf(format + "%n", args);
    }
}
