package org.returnflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnflow.e2e.Person.ConsentPlan;
import org.returnflow.e2e.Person.ReviewPlan;
import org.returnflow.e2e.Person.Trait;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The reference scenario of docs/design.md, played as the agencies, officers, reviewers and supervisors
 * would play it, through the public HTTP APIs only:
 * <ol>
 *   <li>seed consulates, flights and the people of both operations with their records;</li>
 *   <li>start operation {@code IRN-2026-01} and the third-country operation to PAN;</li>
 *   <li>answer consent requests, work legal reviews and supervisor approvals, place two legal holds
 *   after booking, record one Panama fear claim while its fear-claim window runs, withdraw two
 *   consents and cancel a flight;</li>
 *   <li>for the first flight to IKA: pack the property, lock the manifest, board, depart, arrive and
 *   confirm the handovers.</li>
 * </ol>
 * Every wait polls the case API with a bounded timeout; nothing sleeps in proportion to real days.
 */
public final class ReferenceScenario {

    public static final String IRN_OPERATION = "IRN-2026-01";
    public static final String PAN_OPERATION = "PAN-2026-01";
    static final Set<String> TRANSIENT = Set.of("OPEN", "ELIGIBILITY_CHECK", "AWAITING_CONSENT", "AWAITING_SEAT", "BOOKED");
    static final String CANCEL_REASON = "AIRCRAFT_UNAVAILABLE";
    static final String RECEIVED_BY = "Duty officer, IKA border police";
    /** The most items or passengers one bulk call takes (detention's pack takes 1 to 500). */
    static final int BULK_LIMIT = 500;
    /** The independent monitor on the first charter (the local client {@code return-monitor}). */
    static final String MONITOR = "return-monitor";
    /** The most people one {@code POST /api/detainees/batch} registers. */
    static final int REGISTRATION_BATCH = 100;
    private static final Duration QUIET_PAUSE = Duration.ofSeconds(1);
    private static final Duration QUIET_PAUSE_MAX = Duration.ofSeconds(4);

    /**
     * How to run it.
     *
     * @param sizeFactor         1.0 is the reference scenario (400 + 119 people, flights of 125 seats); smaller
     *                           scales people and seats alike
     * @param seed               for {@code java.util.Random}
     * @param keepOnePropertyHeld leave one item of one person of the first flight unpacked, so the final check
     *                           offloads them (S9); the reference demo packs everything
     * @param phaseTimeout       the longest any one wait may take
     */
    public record Options(double sizeFactor, long seed, boolean keepOnePropertyHeld, Duration phaseTimeout,
                          PrintStream out) {

        public static Options reference(long seed, PrintStream out) {
            return new Options(1.0, seed, false, Duration.ofMinutes(6), out);
        }

        public int irnPeople() {
            return Math.max(12, (int) Math.round(400 * sizeFactor));
        }

        public int panPeople() {
            return Math.max(4, (int) Math.round(119 * sizeFactor));
        }

        /** Seats for returnees on each flight: 120 in the reference scenario, scaled otherwise. */
        public int seatsForReturnees() {
            return Math.max(4, (int) Math.round(120 * sizeFactor));
        }
    }

    /** A flight the scenario schedules, and its id once scheduled. */
    public static final class Flight {
        final String key;
        final String flightNumber;
        final String destination;
        final Instant departureAt;
        final int seatCapacity;
        final int escortSeats;
        volatile UUID id;

        Flight(String key, String flightNumber, String destination, Instant departureAt, int seatCapacity, int escortSeats) {
            this.key = key;
            this.flightNumber = flightNumber;
            this.destination = destination;
            this.departureAt = departureAt;
            this.seatCapacity = seatCapacity;
            this.escortSeats = escortSeats;
        }

        public UUID id() {
            return id;
        }

        public String flightNumber() {
            return flightNumber;
        }

        public String destination() {
            return destination;
        }

        public Instant departureAt() {
            return departureAt;
        }

        @Override
        public String toString() {
            return flightNumber;
        }
    }

    /**
     * What the run did, for the summary and the tests.
     *
     * @param calls           the API calls each phase made
     * @param alreadyOnRecord people detention already had on record (an earlier run's), registered again as
     *                        distinct people with {@code confirmDistinctFrom}
     */
    public record Result(Cast cast, List<Flight> flights, Map<String, UUID> operations, Flight firstFlight,
                         Flight cancelledFlight, Set<UUID> boarded, Map<String, String> probes,
                         Map<String, Duration> phases, Map<String, Long> calls, int alreadyOnRecord) {
    }

    private final ReturnflowApi api;
    private final Options options;
    private final PrintStream out;
    private final Instant started = Instant.now();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final ExecutorService pool = Executors.newFixedThreadPool(6);

    private final Cast cast;
    private final List<Flight> flights = new ArrayList<>();
    private final Map<String, UUID> operations = new LinkedHashMap<>();
    private final Map<UUID, Person> byCase = new ConcurrentHashMap<>();
    private final Map<UUID, Person> byDetainee = new ConcurrentHashMap<>();
    private final Map<UUID, JsonNode> cases = new ConcurrentHashMap<>();
    private final Set<String> tasksDone = ConcurrentHashMap.newKeySet();
    private final Map<String, String> probes = new LinkedHashMap<>();
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private final Map<String, Long> callsByPhase = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger alreadyOnRecord = new java.util.concurrent.atomic.AtomicInteger();
    private final Set<UUID> boarded = ConcurrentHashMap.newKeySet();
    private Flight firstFlight;
    private Flight cancelledFlight;
    private boolean holdsPlaced;
    private boolean fearClaimRecorded;
    private boolean irnConsentWithdrawn;
    private boolean panConsentWithdrawn;
    private boolean flightCancelled;
    private Instant lastProgress = Instant.EPOCH;
    /** Things the scenario did (decisions, holds, withdrawals, flight steps); a round without any is quiet. */
    private final java.util.concurrent.atomic.AtomicLong actions = new java.util.concurrent.atomic.AtomicLong();

    public ReferenceScenario(ReturnflowApi api, Options options) {
        this.api = api;
        this.options = options;
        this.out = options.out();
        this.cast = Cast.draw(options.seed(), options.irnPeople(), options.panPeople(), today,
                LocalDate.ofInstant(base.plus(Duration.ofDays(4)), ZoneOffset.UTC));
    }

    public Cast cast() {
        return cast;
    }

    /** Runs the whole scenario; throws when a step fails or a wait times out. */
    public Result run() {
        try {
            phase("Seeding through the public APIs", this::seed);
            phase("Starting the operations", this::startOperations);
            phase("Playing officers, reviewers and supervisors", this::playUntilSettled);
            phase("First batch: manifest lock, boarding, departure, handover", this::firstBatch);
            phase("Waiting for the last cases to settle", () -> awaitRounds("every case settled", this::settled, this::unsettled));
            printProgress(true);
            return new Result(cast, List.copyOf(flights), ordered(operations), firstFlight, cancelledFlight,
                    Set.copyOf(boarded), Map.copyOf(probes), ordered(phases), ordered(callsByPhase), alreadyOnRecord.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private void phase(String name, Runnable step) {
        Instant t0 = Instant.now();
        long calls0 = api.calls();
        out.printf("%n== %s (%s)%n", name, elapsed());
        step.run();
        Duration took = Duration.between(t0, Instant.now());
        phases.put(name, took);
        callsByPhase.put(name, api.calls() - calls0);
        out.printf("   done in %d s, %d API calls%n", took.toSeconds(), api.calls() - calls0);
    }

    // ------------------------------------------------------------------------------------------
    // 1. Seeding

    private void seed() {
        api.put(ReturnflowApi.NOTIFICATIONS, "/api/consulates/IRN", Map.of(
                "name", "Interests Section of the Islamic Republic of Iran, Washington DC",
                "email", "consular.irn@consulates.example"));
        api.put(ReturnflowApi.NOTIFICATIONS, "/api/consulates/PAN", Map.of(
                "name", "Consulate General of Panama, New Orleans",
                "email", "consular.pan@consulates.example"));
        out.println("   consulates: IRN, PAN");

        int seats = options.seatsForReturnees();
        int earlier = 0;
        for (String country : List.of("IRN", "PAN")) {
            for (JsonNode f : api.getAll(ReturnflowApi.FLIGHTS, "/api/flights?destinationCountry=" + country)) {
                if ("SCHEDULED".equals(f.path("status").asText()) && f.path("seatsAvailable").asInt() > 0) {
                    earlier++;
                }
            }
        }
        if (earlier > 0) {
            out.printf("   NOTE: %d flights of an earlier run still have free seats; new cases may be booked on them."
                    + " For a clean run: ./returnflow demo --fresh%n", earlier);
        }
        String run = String.format("%04d", base.getEpochSecond() / 60 % 10000);
        for (int i = 0; i < 4; i++) {
            flights.add(new Flight("IKA-" + (i + 1), "RFI" + run + (i + 1), "IRN",
                    base.plus(Duration.ofDays(4 + 2L * i)).plus(Duration.ofHours(6)), seats + 5, 5));
        }
        flights.add(new Flight("PTY-1", "RFP" + run + "1", "PAN", base.plus(Duration.ofDays(6)).plus(Duration.ofHours(14)), seats + 5, 5));
        flights.add(new Flight("PTY-2", "RFP" + run + "2", "PAN", base.plus(Duration.ofDays(8)).plus(Duration.ofHours(14)), seats + 5, 5));
        firstFlight = flights.get(0);
        cancelledFlight = flights.get(4);
        for (Flight flight : flights) {
            boolean ika = "IRN".equals(flight.destination);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("flightNumber", flight.flightNumber);
            body.put("operator", ika ? "Global Crossing Airlines" : "World Atlantic Airlines");
            body.put("departureAirport", "AEX");
            body.put("departureAt", flight.departureAt.toString());
            body.put("stopovers", ika ? List.of(Map.of("airport", "DOH",
                    "arriveAt", flight.departureAt.plus(Duration.ofHours(15)).toString(),
                    "departAt", flight.departureAt.plus(Duration.ofHours(17)).toString())) : List.of());
            body.put("arrivalAirport", ika ? "IKA" : "PTY");
            body.put("destinationCountry", flight.destination);
            body.put("seatCapacity", flight.seatCapacity);
            body.put("escortSeats", flight.escortSeats);
            flight.id = UUID.fromString(api.post(ReturnflowApi.FLIGHTS, "/api/flights", body).path("id").asText());
            out.printf("   flight %s AEX%s→%s departs %s, %d seats (%d escorts)%n", flight.flightNumber,
                    ika ? "→DOH" : "", ika ? "IKA" : "PTY", flight.departureAt, flight.seatCapacity, flight.escortSeats);
        }

        List<Person> everyone = cast.everyone();
        // guardians first, so that their minors can be linked to them
        List<Person> first = everyone.stream().filter(p -> p.trait == Trait.GUARDIAN).toList();
        List<Person> rest = everyone.stream().filter(p -> p.trait != Trait.GUARDIAN).toList();
        parallel(batches(first), this::registerBatch);
        parallel(batches(rest), this::registerBatch);
        for (Person p : rest) {
            if (p.trait == Trait.ACCOMPANIED_MINOR) {
                api.post(ReturnflowApi.DETENTION, "/api/detainees/" + p.detaineeId + "/guardian",
                        Map.of("guardianId", p.guardian.detaineeId.toString()));
            }
        }
        for (Person p : everyone) {
            byDetainee.put(p.detaineeId, p);
        }
        out.printf("   %d people registered with orders, documents, clearances and property (%d calls so far)%n",
                everyone.size(), api.calls());
        if (alreadyOnRecord.get() > 0) {
            out.printf("   NOTE: %d people of this draw were on record from an earlier run; registered again as distinct"
                    + " people (confirmDistinctFrom). For a clean run: ./returnflow demo --fresh%n", alreadyOnRecord.get());
        }
    }

    /** People in batches of {@value #REGISTRATION_BATCH}, the most {@code POST /api/detainees/batch} takes. */
    private static List<List<Person>> batches(List<Person> people) {
        List<List<Person>> batches = new ArrayList<>();
        for (int from = 0; from < people.size(); from += REGISTRATION_BATCH) {
            batches.add(people.subList(from, Math.min(people.size(), from + REGISTRATION_BATCH)));
        }
        return batches;
    }

    /**
     * Registers people with the records taken at intake, one call for the batch ({@code POST
     * /api/detainees/batch}). Detention refuses a person with 409 and {@code existingIds} when someone of
     * the same name, date of birth and nationality is on record: on a stack that an earlier run filled,
     * that is the earlier run's person of the same draw. Their record has moved on (removed, withdrawn,
     * still booked on that run's flights, with an open case), so the scenario cannot replay them; the
     * agency confirms this is a distinct person ({@code confirmDistinctFrom}, kept in detention's audit)
     * and registers them anew in a second call. Any other refusal stops the run.
     */
    private void registerBatch(List<Person> people) {
        List<Map<String, Object>> entries = people.stream().map(this::intake).toList();
        JsonNode answer = api.post(ReturnflowApi.DETENTION, "/api/detainees/batch", Map.of("people", entries));
        List<Person> again = new ArrayList<>();
        List<Map<String, Object>> confirmed = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            JsonNode result = answer.path("results").path(i);
            if (registered(people.get(i), result)) {
                continue;
            }
            JsonNode problem = result.path("problem");
            // a duplicate by name, date of birth and nationality may be confirmed away; one by an external identifier not
            if (problem.path("status").asInt() != 409 || !"confirmDistinctFrom".equals(problem.path("field").asText())) {
                throw new ApiException("POST", "/api/detainees/batch", problem.path("status").asInt(), problem.toString());
            }
            List<String> existing = new ArrayList<>();
            problem.path("existingIds").forEach(id -> existing.add(id.asText()));
            Map<String, Object> person = new LinkedHashMap<>((Map<String, Object>) entries.get(i).get("person"));
            person.put("confirmDistinctFrom", existing);
            Map<String, Object> entry = new LinkedHashMap<>(entries.get(i));
            entry.put("person", person);
            again.add(people.get(i));
            confirmed.add(entry);
            alreadyOnRecord.incrementAndGet();
        }
        if (!again.isEmpty()) {
            JsonNode second = api.post(ReturnflowApi.DETENTION, "/api/detainees/batch", Map.of("people", confirmed));
            for (int i = 0; i < again.size(); i++) {
                JsonNode result = second.path("results").path(i);
                if (!registered(again.get(i), result)) {
                    throw new ApiException("POST", "/api/detainees/batch", result.path("problem").path("status").asInt(),
                            result.path("problem").toString());
                }
            }
        }
    }

    /** Takes a batch's result for the person: their record's id, case number, hold and property ids. */
    private static boolean registered(Person p, JsonNode result) {
        if (!"REGISTERED".equals(result.path("status").asText())) {
            return false;
        }
        p.detaineeId = UUID.fromString(result.path("id").asText());
        p.caseNumber = result.path("caseNumber").asText();
        if (result.path("legalHoldIds").size() > 0) {
            p.holdId = UUID.fromString(result.path("legalHoldIds").path(0).asText());
        }
        synchronized (p.propertyItems) {
            result.path("propertyItemIds").forEach(id -> p.propertyItems.add(UUID.fromString(id.asText())));
        }
        return true;
    }

    /** The person as an agency registers them, with the documents, clearance, permits, holds and property taken at intake. */
    private Map<String, Object> intake(Person p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenName", p.givenName);
        body.put("familyName", p.familyName);
        body.put("dateOfBirth", p.dateOfBirth.toString());
        body.put("nationality", p.nationality);
        body.put("preferredLanguage", p.language);
        body.put("facilityCode", p.facility);
        body.put("detainedSince", p.detainedSince.toString());
        if (p.counsel) {
            body.put("counsel", Map.of("name", "Counsel for " + p.familyName,
                    "email", "counsel." + p.number + "@immigration-law.example"));
        }
        body.put("removalOrder", Map.of("issuedOn", p.detainedSince.plusDays(5).isBefore(today)
                ? p.detainedSince.plusDays(5).toString() : today.minusDays(1).toString(), "isFinal", true));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("person", body);

        if (p.trait == Trait.NO_TRAVEL_DOCUMENT) {
            entry.put("travelDocuments", List.of(Map.of("kind", "PASSPORT", "number", "X" + (7000000 + p.number),
                    "issuingCountry", p.nationality, "validUntil", today.minusDays(120).toString())));
        } else {
            entry.put("travelDocuments", List.of(Map.of("kind", "PASSPORT", "number", "P" + (1000000 + p.number),
                    "issuingCountry", p.nationality, "validUntil", today.plusYears(2 + p.number % 6).toString())));
        }
        boolean fit = p.trait != Trait.NOT_FIT_TO_FLY;
        entry.put("medicalClearances", List.of(Map.of("fitToFly", fit,
                "assessedOn", today.minusDays(1 + p.number % 20).toString(),
                "validUntil", today.plusDays(fit ? 90 : 30).toString())));
        if (p.trait == Trait.VALID_PERMIT) {
            entry.put("residencePermits", List.of(Map.of("type", "TEMPORARY_PROTECTED_STATUS",
                    "number", "TPS-" + (40000 + p.number), "validFrom", today.minusYears(1).toString(),
                    "validUntil", today.plusYears(1).toString())));
        } else if (p.number % 17 == 0) {
            // an old permit that expired long ago: on file, but no longer a blocker
            entry.put("residencePermits", List.of(Map.of("type", "STUDENT_VISA",
                    "number", "F1-" + (50000 + p.number), "validFrom", today.minusYears(5).toString(),
                    "validUntil", today.minusYears(3).toString())));
        }
        if (p.trait == Trait.APPEAL) {
            entry.put("legalHolds", List.of(Map.of("kind", "APPEAL",
                    "reference", "BIA-" + today.getYear() + "-" + (3000 + p.number))));
        }
        List<Map<String, String>> items = new ArrayList<>();
        items.add(Map.of("description", "Passport and national identity card", "kind", "ID_DOCUMENT"));
        items.add(Map.of("description", "Luggage: one bag", "kind", "LUGGAGE"));
        if (p.number % 3 == 0) {
            items.add(Map.of("description", "Mobile phone and wallet", "kind", "VALUABLES"));
        }
        entry.put("property", items);
        return entry;
    }

    // ------------------------------------------------------------------------------------------
    // 2. Operations

    private void startOperations() {
        start(IRN_OPERATION, "IRN", cast.irn());
        start(PAN_OPERATION, "PAN", cast.pan());
        // S7: a second case for a person who has one is refused
        Person someone = cast.irn().stream().filter(p -> p.trait == Trait.PLAIN).findFirst().orElseThrow();
        ReturnflowApi.Response second = api.call(ReturnflowApi.CASES, "POST", "/api/removal-cases",
                Map.of("detaineeId", someone.detaineeId.toString(), "destinationCountry", "IRN"));
        probes.put("secondCaseStatus", Integer.toString(second.status()));
        probes.put("secondCaseProblem", second.body() == null ? "" : second.body());
        out.printf("   a second case for %s: %d%n", someone.caseNumber, second.status());
    }

    private void start(String name, String destination, List<Person> people) {
        JsonNode accepted = api.post(ReturnflowApi.CASES, "/api/removal-operations", Map.of("name", name,
                "destinationCountry", destination,
                "detaineeIds", people.stream().map(p -> p.detaineeId.toString()).toList()));
        UUID operationId = UUID.fromString(accepted.path("operationId").asText());
        operations.put(name, operationId);
        int refused = 0;
        for (JsonNode c : accepted.path("cases")) {
            Person p = byDetainee.get(UUID.fromString(c.path("detaineeId").asText()));
            if (!"ACCEPTED".equals(c.path("status").asText())) {
                refused++;
                continue;
            }
            p.caseId = UUID.fromString(c.path("caseId").asText());
            byCase.put(p.caseId, p);
        }
        if (refused > 0) {
            throw new IllegalStateException(name + ": " + refused + " people were refused an open case: "
                    + accepted.path("cases"));
        }
        out.printf("   %s: %d cases accepted (operation %s)%n", name, people.size(), operationId);
    }

    // ------------------------------------------------------------------------------------------
    // 3. The people who decide

    private void playUntilSettled() {
        awaitRounds("cases settled, holds placed, a fear claim recorded, consents withdrawn, flight cancelled",
                () -> holdsPlaced && fearClaimRecorded && irnConsentWithdrawn && panConsentWithdrawn && flightCancelled && settled(),
                this::unsettled);
    }

    private String unsettled() {
        return "; holds placed " + holdsPlaced + ", fear claim " + fearClaimRecorded + ", consents withdrawn " + irnConsentWithdrawn + "/" + panConsentWithdrawn
                + ", flight cancelled " + flightCancelled + describe(cases.values().stream()
                .filter(c -> TRANSIENT.contains(c.path("state").asText()))
                .map(c -> UUID.fromString(c.path("caseId").asText())).toList());
    }

    /** True when no case is on its way and every open legal review is one that waits for a court. */
    private boolean settled() {
        for (JsonNode c : cases.values()) {
            String state = c.path("state").asText();
            if (TRANSIENT.contains(state)) {
                return false;
            }
            Person p = byCase.get(UUID.fromString(c.path("caseId").asText()));
            if (p == null) {
                continue;
            }
            if ("LEGAL_REVIEW".equals(state) && p.reviewPlan != ReviewPlan.AWAIT_COURT) {
                return false;
            }
            // the effects of the scenario's own events must show before the cases count as settled
            if (p.holdPlacedAfterBooking && !"LEGAL_REVIEW".equals(state)) {
                return false;
            }
            if (p.consentWithdrawn && (c.path("voluntary").asBoolean(false)
                    || (p.consentRequired() && !"WITHDRAWN".equals(state)))) {
                return false;
            }
            if (flightCancelled && "NOTIFIED".equals(state)
                    && cancelledFlight.id.toString().equals(c.path("flightId").asText())) {
                return false;
            }
        }
        return cases.size() == byCase.size() && api.tasks("supervisor1", "supervisors").isEmpty();
    }

    /** One round of everybody's work: read the cases, answer consents, work reviews, then the events of the scenario. */
    private boolean round() {
        long before = actions.get();
        refreshCases();
        answerConsents();
        workLegalReviews();
        workSupervisorApprovals();
        scenarioEvents();
        printProgress(false);
        return actions.get() == before;
    }

    private void awaitRounds(String what, BooleanSupplier done) {
        awaitRounds(what, done, () -> "");
    }

    /**
     * Plays rounds until {@code done} holds after a round in which nobody had anything to do. A round
     * reads every case (a few pages), so after a quiet round the next one waits longer, up to
     * {@link #QUIET_PAUSE_MAX}: the services are busy with what the last decisions started.
     */
    private void awaitRounds(String what, BooleanSupplier done, java.util.function.Supplier<String> diagnosis) {
        Instant deadline = Instant.now().plus(options.phaseTimeout());
        Duration pause = QUIET_PAUSE;
        while (true) {
            boolean quiet = round();
            if (quiet && done.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                printProgress(true);
                throw new IllegalStateException("Timed out after " + options.phaseTimeout().toSeconds()
                        + " s waiting for: " + what + ". Cases by state: " + byState() + diagnosis.get());
            }
            pause = quiet ? min(pause.multipliedBy(2), QUIET_PAUSE_MAX) : QUIET_PAUSE;
            sleep(pause);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void refreshCases() {
        for (UUID operationId : operations.values()) {
            for (JsonNode c : api.getAll(ReturnflowApi.CASES, "/api/removal-cases?operationId=" + operationId)) {
                cases.put(UUID.fromString(c.path("caseId").asText()), c);
            }
        }
    }

    private String state(Person p) {
        JsonNode c = cases.get(p.caseId);
        return c == null ? "UNKNOWN" : c.path("state").asText();
    }

    private UUID flightOf(Person p) {
        JsonNode c = cases.get(p.caseId);
        return c == null || !c.hasNonNull("flightId") ? null : UUID.fromString(c.path("flightId").asText());
    }

    private void answerConsents() {
        List<Person> waiting = byCase.values().stream()
                .filter(p -> !p.consentDecided && "AWAITING_CONSENT".equals(state(p))).toList();
        parallel(waiting, this::answerConsent);
    }

    private void answerConsent(Person p) {
        JsonNode pending = null;
        for (JsonNode consent : api.get(ReturnflowApi.CONSENT, "/api/consents?caseId=" + p.caseId).path("content")) {
            if ("PENDING".equals(consent.path("status").asText())) {
                pending = consent;
            }
        }
        if (pending == null) {
            return; // RequestConsent not processed yet: next round
        }
        String officer = "officer-" + p.facility + "-" + (11 + p.number % 7);
        Map<String, Object> decision = new LinkedHashMap<>();
        switch (p.consentPlan) {
            case GIVE -> {
                decision.put("decision", "GIVEN");
                decision.put("officer", officer);
                decision.put("language", p.language);
                decision.put("evidenceSha256", sha256("signed consent form " + p.caseNumber + " " + p.caseId));
            }
            case GIVE_THROUGH_INTERPRETER -> {
                decision.put("decision", "GIVEN");
                decision.put("officer", officer);
                decision.put("language", "en");
                decision.put("interpreter", "interpreter-" + p.language + "-" + (100 + p.number % 9));
                decision.put("evidenceSha256", sha256("interpreted consent interview " + p.caseNumber + " " + p.caseId));
            }
            case DECLINE -> {
                decision.put("decision", "DECLINED");
                decision.put("officer", officer);
                decision.put("language", p.language);
            }
        }
        ReturnflowApi.Response answer = api.call(ReturnflowApi.CONSENT, "POST",
                "/api/consents/" + pending.path("id").asText() + "/decision", decision);
        if (answer.ok() || answer.status() == 409) {
            actions.incrementAndGet();
            p.consentDecided = true; // 409: decided already (a retried round)
        } else {
            throw new ApiException("POST", "/api/consents/" + pending.path("id").asText() + "/decision", answer.status(), answer.body());
        }
    }

    private void workLegalReviews() {
        for (JsonNode task : api.tasks("reviewer1", "legal-review")) {
            String taskId = task.path("id").asText();
            if (tasksDone.contains(taskId)) {
                continue;
            }
            Map<String, Object> variables = api.taskVariables("reviewer1", taskId);
            Object caseId = variables.get("caseId");
            Person p = caseId == null ? null : byCase.get(UUID.fromString(caseId.toString()));
            if (p == null) {
                continue; // not a case of this scenario
            }
            String blockers = String.valueOf(variables.getOrDefault("blockerCodes", ""));
            String reviewer = p.number % 2 == 0 ? "reviewer1" : "reviewer2";
            review(p, taskId, reviewer, blockers);
        }
    }

    private void review(Person p, String taskId, String reviewer, String blockers) {
        switch (p.reviewPlan) {
            case PROCEED_WITH_FOUR_EYES -> complete(p, taskId, reviewer, "PROCEED",
                    "Blockers " + blockers + " weighed against the file; proceeding is lawful, subject to supervisor approval.");
            case WITHDRAW -> complete(p, taskId, reviewer, "WITHDRAW",
                    "Blockers " + blockers + " stand; the person is released from this operation.");
            case FIX_AND_RECHECK -> {
                if (!p.recordFixed) {
                    fixRecord(p, blockers);
                    p.recordFixed = true;
                }
                complete(p, taskId, reviewer, "RECHECK", "The record was corrected (" + blockers + "); assess again.");
            }
            case LIFT_HOLD -> {
                if (!p.proceedRefusalTried && cast.irn().stream().filter(x -> x.reviewPlan == ReviewPlan.LIFT_HOLD)
                        .findFirst().orElse(null) == p) {
                    // S1: PROCEED past an active hold must be refused
                    api.claim(reviewer, taskId);
                    try {
                        api.complete(reviewer, taskId, Map.of("decision", "PROCEED",
                                "justification", "Attempt to proceed despite the pending appeal."));
                        p.proceedRefusal = "ACCEPTED";
                    } catch (ApiException refused) {
                        p.proceedRefusal = refused.status() + " " + refused.body();
                    }
                    p.proceedRefusalTried = true;
                    probes.put("proceedPastHold", p.proceedRefusal);
                    out.printf("   %s: PROCEED past an active legal hold → %s%n", p.caseNumber, abbreviate(p.proceedRefusal));
                }
                if (!p.holdLifted) {
                    actions.incrementAndGet();
                    api.post(ReturnflowApi.DETENTION, "/api/detainees/" + p.detaineeId + "/legal-holds/" + p.holdId + "/lift",
                            Map.of("reason", "Appeal dismissed by the Board of Immigration Appeals"));
                    p.holdLifted = true;
                }
                tasksDone.add(taskId); // the LegalHoldLifted boundary event ends the review
            }
            case AWAIT_COURT -> tasksDone.add(taskId);
            case NONE -> {
                out.printf("   UNEXPECTED legal review for %s (blockers %s): left open%n", p, blockers);
                tasksDone.add(taskId);
            }
        }
    }

    private void complete(Person p, String taskId, String user, String decision, String justification) {
        actions.incrementAndGet();
        api.claim(user, taskId);
        api.complete(user, taskId, Map.of("decision", decision, "justification", justification));
        tasksDone.add(taskId);
    }

    /** The agency corrects the record the blockers name. */
    private void fixRecord(Person p, String blockers) {
        String path = "/api/detainees/" + p.detaineeId;
        if (blockers.contains("NOT_FIT_TO_FLY")) {
            api.post(ReturnflowApi.DETENTION, path + "/medical-clearances", Map.of("fitToFly", true,
                    "assessedOn", today.minusDays(1).toString(), "validUntil", today.plusDays(60).toString()));
        }
        if (blockers.contains("NO_TRAVEL_DOCUMENT")) {
            api.post(ReturnflowApi.DETENTION, path + "/travel-documents", Map.of("kind", "EMERGENCY_TRAVEL_DOCUMENT",
                    "number", "ETD-" + (9000 + p.number), "issuingCountry", p.nationality,
                    "validUntil", today.plusDays(90).toString()));
        }
        if (blockers.contains("PROPERTY_NOT_RECONCILED")) {
            JsonNode detainee = api.get(ReturnflowApi.DETENTION, path);
            for (JsonNode item : detainee.path("property")) {
                if ("HELD".equals(item.path("status").asText())) {
                    api.post(ReturnflowApi.DETENTION, path + "/property/" + item.path("id").asText() + "/packed", null);
                }
            }
        }
    }

    private void workSupervisorApprovals() {
        for (JsonNode task : api.tasks("supervisor1", "supervisors")) {
            String taskId = task.path("id").asText();
            if (tasksDone.contains(taskId)) {
                continue;
            }
            actions.incrementAndGet();
            api.claim("supervisor1", taskId);
            api.complete("supervisor1", taskId, Map.of("supervisorDecision", "APPROVE",
                    "justification", "Reviewed the legal review and the evidence; approved (four eyes)."));
            tasksDone.add(taskId);
        }
    }

    /** Two holds after booking, two consents withdrawn, one flight cancelled: each once, when its moment comes. */
    private void scenarioEvents() {
        if (!holdsPlaced) {
            // two people booked on the first flight, those who declined consent first (the consent
            // withdrawal needs someone who gave it); any flight once every booking is done
            List<Person> candidates = cast.irn().stream().filter(p -> p.trait == Trait.PLAIN && !p.consentWithdrawn
                            && "NOTIFIED".equals(state(p)) && (firstFlight.id.equals(flightOf(p)) || bookingsDone(cast.irn())))
                    .sorted(java.util.Comparator.comparing((Person p) -> !firstFlight.id.equals(flightOf(p)))
                            .thenComparing(p -> p.consentPlan != ConsentPlan.DECLINE))
                    .limit(2).toList();
            if (candidates.size() == 2) {
                String[] kinds = {"STAY_OF_REMOVAL", "ASYLUM_CLAIM"};
                for (int i = 0; i < 2; i++) {
                    Person p = candidates.get(i);
                    p.reviewPlan = ReviewPlan.AWAIT_COURT;
                    p.holdPlacedAfterBooking = true;
                    api.post(ReturnflowApi.DETENTION, "/api/detainees/" + p.detaineeId + "/legal-holds",
                            Map.of("kind", kinds[i], "reference", "EOIR-" + today.getYear() + "-" + (8000 + p.number)));
                    out.printf("   legal hold %s placed after booking: %s on %s%n", kinds[i], p.caseNumber, flightName(flightOf(p)));
                }
                holdsPlaced = true;
                actions.incrementAndGet();
            }
        }
        if (!fearClaimRecorded) {
            fearClaimRecorded = recordFearClaim();
        }
        if (!irnConsentWithdrawn) {
            irnConsentWithdrawn = withdrawConsent(cast.irn(), firstFlight);
        }
        if (!panConsentWithdrawn) {
            panConsentWithdrawn = withdrawConsent(cast.pan(), cancelledFlight);
        }
        if (!flightCancelled && panConsentWithdrawn && cast.pan().stream().noneMatch(p -> TRANSIENT.contains(state(p)))
                && cast.pan().stream().anyMatch(p -> cancelledFlight.id.equals(flightOf(p)))) {
            api.post(ReturnflowApi.FLIGHTS, "/api/flights/" + cancelledFlight.id + "/cancel", Map.of(
                    "reason", CANCEL_REASON, "note", "The aircraft failed its pre-flight inspection."));
            flightCancelled = true;
            actions.incrementAndGet();
            out.printf("   flight %s cancelled (%s): its passengers are rebooked%n", cancelledFlight, CANCEL_REASON);
        }
    }

    /**
     * One person of the Panama operation, told the destination, claims fear of it while their fear-claim
     * window runs (the case's history says FEAR_CLAIM_WINDOW_OPENED and not yet CLOSED): detention records it
     * as a PROTECTION_CLAIM hold, and the case goes to legal review instead of a seat. Should every window
     * have closed before a round saw one open, the claim is made after booking, which is a hold all the same.
     */
    private boolean recordFearClaim() {
        List<Person> willing = cast.pan().stream().filter(p -> p.trait == Trait.PLAIN && p.consentPlan != ConsentPlan.DECLINE
                && !p.consentWithdrawn && !p.holdPlacedAfterBooking && p.caseId != null).toList();
        Person claimant = null;
        String when = null;
        int looked = 0;
        for (Person p : willing) {
            if (!"AWAITING_SEAT".equals(state(p)) || flightOf(p) != null || looked++ >= 5) {
                continue;
            }
            Set<String> kinds = new java.util.HashSet<>();
            api.get(ReturnflowApi.CASES, "/api/removal-cases/" + p.caseId).path("history")
                    .forEach(h -> kinds.add(h.path("kind").asText()));
            if (kinds.contains("FEAR_CLAIM_WINDOW_OPENED") && !kinds.contains("FEAR_CLAIM_WINDOW_CLOSED")) {
                claimant = p;
                when = "in its fear-claim window";
                break;
            }
        }
        if (claimant == null && bookingsDone(cast.pan())) {
            claimant = willing.stream().filter(p -> "NOTIFIED".equals(state(p))).findFirst().orElse(null);
            when = "after its fear-claim window, once booked";
        }
        if (claimant == null) {
            return false;
        }
        claimant.reviewPlan = ReviewPlan.AWAIT_COURT;
        claimant.holdPlacedAfterBooking = true;
        api.post(ReturnflowApi.DETENTION, "/api/detainees/" + claimant.detaineeId + "/fear-claims", Map.of(
                "destinationCountry", "PAN", "madeOn", today.toString(),
                "reference", "FC-" + today.getYear() + "-" + (9000 + claimant.number)));
        probes.put("fearClaimCase", claimant.caseId.toString());
        probes.put("fearClaimWhen", when);
        actions.incrementAndGet();
        out.printf("   fear claim recorded %s: %s fears removal to PAN (a PROTECTION_CLAIM hold)%n", when, claimant.caseNumber);
        return true;
    }

    private String flightName(UUID flightId) {
        return flights.stream().filter(f -> f.id.equals(flightId)).map(Flight::toString).findFirst().orElse(String.valueOf(flightId));
    }

    /** True when none of these people's cases is still on its way to a seat. */
    private boolean bookingsDone(List<Person> people) {
        return people.stream().noneMatch(p -> TRANSIENT.contains(state(p)));
    }

    /** Someone who consented and is booked on the flight, or on any flight once every booking is done. */
    private boolean withdrawConsent(List<Person> people, Flight flight) {
        Person p = people.stream().filter(x -> x.trait == Trait.PLAIN && x.consentPlan != ConsentPlan.DECLINE
                        && !x.holdPlacedAfterBooking && "NOTIFIED".equals(state(x))
                        && (flight.id.equals(flightOf(x)) || bookingsDone(people)))
                .min(java.util.Comparator.comparing((Person x) -> !flight.id.equals(flightOf(x)))).orElse(null);
        if (p == null) {
            return false;
        }
        JsonNode given = null;
        for (JsonNode consent : api.get(ReturnflowApi.CONSENT, "/api/consents?caseId=" + p.caseId).path("content")) {
            if ("GIVEN".equals(consent.path("status").asText())) {
                given = consent;
            }
        }
        if (given == null) {
            return false;
        }
        p.consentWithdrawn = true;
        actions.incrementAndGet();
        api.post(ReturnflowApi.CONSENT, "/api/consents/" + given.path("id").asText() + "/withdrawal",
                Map.of("reason", "The person told the officer they no longer agree to return voluntarily."));
        out.printf("   consent withdrawn: %s (%s) booked on %s%n", p.caseNumber, p.operationKey, flightName(flightOf(p)));
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // 4. The first flight

    private void firstBatch() {
        String flightPath = "/api/flights/" + firstFlight.id;
        awaitRounds("every seat released from " + firstFlight + " struck from its manifest",
                () -> activeEntries(firstFlight).stream().allMatch(id -> "NOTIFIED".equals(stateOf(id))));
        Set<UUID> onBoard = activeEntries(firstFlight);
        Person unpacked = null;
        if (options.keepOnePropertyHeld()) {
            unpacked = cast.irn().stream().filter(p -> p.trait == Trait.PLAIN && onBoard.contains(p.caseId)
                    && !p.consentWithdrawn).reduce((a, b) -> b).orElse(null);
            if (unpacked != null) {
                unpacked.keepPropertyHeld = true;
                unpacked.reviewPlan = ReviewPlan.FIX_AND_RECHECK;
            }
        }
        List<Map<String, String>> items = new ArrayList<>();
        for (Person p : cast.everyone()) {
            List<UUID> ids;
            synchronized (p.propertyItems) {
                ids = List.copyOf(p.propertyItems);
            }
            for (int i = 0; i < ids.size(); i++) {
                if (!(p.keepPropertyHeld && i == ids.size() - 1)) {
                    items.add(Map.of("detaineeId", p.detaineeId.toString(), "itemId", ids.get(i).toString()));
                }
            }
        }
        int packed = packProperty(items);
        out.printf("   %d property items packed to travel%s%n", packed,
                unpacked == null ? "" : "; one item of " + unpacked.caseNumber + " left HELD (S9)");

        // An independent monitor on the first charter (issue 18): assigned before the manifest locks, and
        // recorded on board, without which the flight does not depart.
        api.post(ReturnflowApi.FLIGHTS, flightPath + "/monitors", Map.of("monitorId", MONITOR));
        out.printf("   independent monitor %s assigned to %s%n", MONITOR, firstFlight);
        // The transit state's authorisation for the stop at DOH, refusing nobody: the manifest locks only with it.
        api.post(ReturnflowApi.FLIGHTS, flightPath + "/stopovers/DOH/transit-authorisation",
                Map.of("reference", "QA-TR-" + firstFlight.flightNumber, "grantedBy", "QAT-MOI-BORDERS"));
        api.post(ReturnflowApi.FLIGHTS, flightPath + "/lock-manifest", null);
        out.printf("   %s: manifest locked with %d people%n", firstFlight, onBoard.size());
        // done when every passenger still on the manifest waits for boarding; the others were offloaded
        awaitRounds("the final check of every passenger of " + firstFlight, () -> {
            Set<String> waiting = waitingForBoarding();
            return activeEntries(firstFlight).stream().allMatch(id -> waiting.contains(id.toString()));
        }, () -> {
            Set<String> waiting = waitingForBoarding();
            return describe(onBoard.stream().filter(id -> !waiting.contains(id.toString())).toList())
                    + "\n  waiting for boarding: " + waiting.size() + "; active on the manifest: " + activeEntries(firstFlight);
        });

        List<UUID> toBoard = new ArrayList<>(activeEntries(firstFlight));
        board(firstFlight, toBoard);
        boarded.addAll(toBoard);
        out.printf("   %d boarded, %d offloaded at the final check%n", toBoard.size(), onBoard.size() - toBoard.size());
        api.post(ReturnflowApi.FLIGHTS, flightPath + "/monitors/" + MONITOR + "/board", null);
        api.post(ReturnflowApi.FLIGHTS, flightPath + "/depart", null);
        api.post(ReturnflowApi.FLIGHTS, flightPath + "/arrive", null);
        out.printf("   %s departed AEX and arrived at IKA%n", firstFlight);
        handOver(firstFlight, toBoard, RECEIVED_BY);
        out.printf("   %d handovers confirmed%n", toBoard.size());
        awaitRounds("every boarded case REMOVED", () -> toBoard.stream().allMatch(id -> "REMOVED".equals(stateOf(id))));

        // A court finds one of these removals wrong: its remedy starts return-facilitation, and the
        // removal's own history stays as it was (workflow/README.md "Remedy orders").
        UUID wronged = toBoard.get(0);
        JsonNode remedy = api.post(ReturnflowApi.CASES, "/api/removal-cases/" + wronged + "/remedy-orders", Map.of(
                "court", "U.S. District Court for the Western District of Louisiana", "reference", "6:26-cv-04711",
                "dueDate", LocalDate.now(ZoneOffset.UTC).plusDays(60).toString(), "owner", "operator1"));
        probes.put("remedyStatus", remedy.path("status").asText());
        out.printf("   a court ordered one removed person's return: remedy %s, %s, tasks for operator1%n",
                remedy.path("remedyId").asText(), remedy.path("status").asText());
    }

    // ---- flight day in bulk: one call per list, each item answered on its own ----

    /**
     * Packs the items to travel, {@value #BULK_LIMIT} a call ({@code POST /api/detainees/property/pack},
     * detention-service/README.md "Packing in bulk"). An item packed already is DONE with changed=false.
     *
     * @return how many items were packed
     */
    private int packProperty(List<Map<String, String>> items) {
        int packed = 0;
        for (int from = 0; from < items.size(); from += BULK_LIMIT) {
            List<Map<String, String>> batch = items.subList(from, Math.min(items.size(), from + BULK_LIMIT));
            JsonNode answer = api.post(ReturnflowApi.DETENTION, "/api/detainees/property/pack", Map.of("items", batch));
            packed += requireEveryItemDone("pack property", answer, "itemId");
        }
        return packed;
    }

    /**
     * Boards the passengers: {@code POST /api/flights/{id}/board {items:[{caseId}]}}, answered 200
     * {@code {results:[{caseId, status, problem?}]}} (issue 17 item 5; flight-service builds it).
     */
    private void board(Flight flight, List<UUID> caseIds) {
        for (int from = 0; from < caseIds.size(); from += BULK_LIMIT) {
            List<Map<String, String>> batch = caseIds.subList(from, Math.min(caseIds.size(), from + BULK_LIMIT)).stream()
                    .map(id -> Map.of("caseId", id.toString())).toList();
            requireEveryItemDone("board " + flight, api.post(ReturnflowApi.FLIGHTS, "/api/flights/" + flight.id + "/board",
                    Map.of("items", batch)), "caseId");
        }
    }

    /**
     * Confirms the handovers: {@code POST /api/flights/{id}/handover {items:[{caseId, receivedBy}]}},
     * answered like {@link #board}.
     */
    private void handOver(Flight flight, List<UUID> caseIds, String receivedBy) {
        for (int from = 0; from < caseIds.size(); from += BULK_LIMIT) {
            List<Map<String, String>> batch = caseIds.subList(from, Math.min(caseIds.size(), from + BULK_LIMIT)).stream()
                    .map(id -> Map.of("caseId", id.toString(), "receivedBy", receivedBy)).toList();
            requireEveryItemDone("hand over " + flight, api.post(ReturnflowApi.FLIGHTS, "/api/flights/" + flight.id + "/handover",
                    Map.of("items", batch)), "caseId");
        }
    }

    /**
     * Every item of a bulk answer must be done: the reference scenario asks nothing that may be refused.
     *
     * @return the items done
     */
    private static int requireEveryItemDone(String what, JsonNode answer, String idField) {
        List<String> refused = new ArrayList<>();
        int done = 0;
        for (JsonNode result : answer.path("results")) {
            if (result.hasNonNull("problem") || "REFUSED".equals(result.path("status").asText())) {
                refused.add(result.path(idField).asText() + ": " + result.path("problem"));
            } else {
                done++;
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException(what + ": " + refused.size() + " refused: " + refused);
        }
        return done;
    }

    /** The last lines of the history of some cases, for a timeout's message. */
    private String describe(List<UUID> caseIds) {
        StringBuilder text = new StringBuilder();
        for (UUID caseId : caseIds.stream().limit(3).toList()) {
            JsonNode c = api.get(ReturnflowApi.CASES, "/api/removal-cases/" + caseId);
            text.append("\n  case ").append(caseId).append(" (").append(byCase.get(caseId)).append(") is ")
                    .append(c.path("state").asText()).append(", its history ends:");
            JsonNode history = c.path("history");
            for (int i = Math.max(0, history.size() - 6); i < history.size(); i++) {
                JsonNode h = history.get(i);
                text.append("\n    ").append(h.path("at").asText()).append(' ').append(h.path("actor").asText())
                        .append(' ').append(h.path("kind").asText()).append(' ').append(abbreviate(h.path("detail").asText()));
            }
        }
        return text.toString();
    }

    private Set<UUID> activeEntries(Flight flight) {
        Set<UUID> active = new java.util.LinkedHashSet<>();
        api.get(ReturnflowApi.FLIGHTS, "/api/flights/" + flight.id + "/manifest").path("active")
                .forEach(e -> active.add(UUID.fromString(e.path("caseId").asText())));
        return active;
    }

    private String stateOf(UUID caseId) {
        JsonNode c = cases.get(caseId);
        return c == null ? "UNKNOWN" : c.path("state").asText();
    }

    /**
     * The cases whose process waits for boarding, as an operator sees them in Cockpit: the final check
     * passed. Read from {@code /engine-rest} as operator1.
     */
    private Set<String> waitingForBoarding() {
        Set<String> waiting = new java.util.HashSet<>();
        for (int first = 0; ; first += 500) {
            JsonNode page = api.engine("operator1", "GET", "/engine-rest/process-instance?processDefinitionKey=removal-case"
                    + "&activityIdIn=ReceiveTask_WaitForBoarding&firstResult=" + first + "&maxResults=500", null);
            page.forEach(pi -> waiting.add(pi.path("businessKey").asText()));
            if (page.size() < 500) {
                return waiting;
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    private Map<String, Map<String, Long>> byState() {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        for (Map.Entry<String, UUID> op : operations.entrySet()) {
            Map<String, Long> counts = cases.values().stream()
                    .filter(c -> op.getValue().toString().equals(c.path("operationId").asText()))
                    .collect(Collectors.groupingBy(c -> c.path("state").asText(), java.util.TreeMap::new, Collectors.counting()));
            result.put(op.getKey(), counts);
        }
        return result;
    }

    private void printProgress(boolean force) {
        if (!force && Duration.between(lastProgress, Instant.now()).toSeconds() < 10) {
            return;
        }
        lastProgress = Instant.now();
        out.printf("   [%s] %s%n", elapsed(), byState().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("  ")));
    }

    private String elapsed() {
        return Duration.between(started, Instant.now()).toSeconds() + " s";
    }

    private <T> void parallel(Collection<T> items, Consumer<T> work) {
        List<Future<?>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> work.accept(item)));
        }
        RuntimeException failure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
