package org.returnflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * What the services hold about the scenario's people after the run, read through their APIs: each
 * operation's report from the workflow, the flights and manifests, and detention's records of the
 * people whose safeguards only detention can show. The summary and the cross-checks work on this
 * and on nothing the scenario merely remembers.
 *
 * <p>{@link Scope#LEAN} (the demo) leaves to the workflow's report what the report covers, and reads
 * detention's record only of the people a cross-check needs: everyone with a trait, a plan or an
 * event of the scenario, and everyone who boarded. {@link Scope#FULL} (the end-to-end test) reads
 * every person in every service, and the engine's history for the notice window each case used.
 */
public final class Snapshot {

    /** How much to read. */
    public enum Scope {
        /** The operation reports, flights, manifests, and detention's records of the people a cross-check needs. */
        LEAN,
        /** Everything of everyone: case histories, detention, consent and notification records. */
        FULL
    }

    /** One seat a case held, as the flight's manifest shows it. */
    public record Entry(UUID flightId, UUID caseId, String seat, Instant bookedAt, Instant boardedAt,
                        Instant handedOverAt, Instant struckAt, String reasonStruck) {

        static Entry of(JsonNode e) {
            return new Entry(UUID.fromString(e.path("flightId").asText()), UUID.fromString(e.path("caseId").asText()),
                    e.path("seat").asText(), instant(e, "bookedAt"), instant(e, "boardedAt"), instant(e, "handedOverAt"),
                    instant(e, "struckAt"), e.hasNonNull("reasonStruck") ? e.path("reasonStruck").asText() : null);
        }

        public boolean struck() {
            return struckAt != null;
        }

        /** Held the seat at this instant. */
        public boolean activeAt(Instant at) {
            return !bookedAt.isAfter(at) && (struckAt == null || struckAt.isAfter(at));
        }
    }

    final ReferenceScenario.Result result;
    final Scope scope;
    final Map<UUID, Person> byCase = new HashMap<>();
    /** GET /api/removal-operations/{id}/report, by operation name. */
    final Map<String, JsonNode> reports = new LinkedHashMap<>();
    /** GET /api/removal-cases/{id} with history for the people examined (FULL: everyone), else the case list's entry. */
    final Map<UUID, JsonNode> cases = new ConcurrentHashMap<>();
    /** GET /api/detainees/{id}. */
    final Map<UUID, JsonNode> detainees = new ConcurrentHashMap<>();
    /** GET /api/consents?caseId=. */
    final Map<UUID, List<JsonNode>> consents = new ConcurrentHashMap<>();
    /** GET /api/notifications?caseId=. */
    final Map<UUID, List<JsonNode>> notifications = new ConcurrentHashMap<>();
    /** GET /api/detainees/{id}/eligibility for the people of third-country removals. */
    final Map<UUID, JsonNode> thirdCountryEligibility = new ConcurrentHashMap<>();
    /** GET /api/flights/{id}. */
    final Map<UUID, JsonNode> flights = new LinkedHashMap<>();
    /** GET /api/flights/{id}/manifest. */
    final Map<UUID, JsonNode> manifests = new LinkedHashMap<>();
    /** Every manifest entry, active and struck, of the flights the scenario's cases used. */
    final List<Entry> allEntries = new ArrayList<>();
    /** Those of them that belong to the scenario's cases. */
    final List<Entry> entries = new ArrayList<>();
    /** noticeHours per caseId, as the DMN gave it to each case (engine history). */
    final Map<UUID, Integer> noticeHours = new ConcurrentHashMap<>();
    /** A partner's read of one case's history. */
    int partnerHistoryStatus;
    /** Audit trails read for a sample of people. */
    final Map<UUID, JsonNode> auditTrails = new ConcurrentHashMap<>();

    private Snapshot(ReferenceScenario.Result result, Scope scope) {
        this.result = result;
        this.scope = scope;
        for (Person p : result.cast().everyone()) {
            if (p.caseId != null) {
                byCase.put(p.caseId, p);
            }
        }
    }

    /** Reads what the demo needs ({@link Scope#LEAN}). */
    public static Snapshot read(ReturnflowApi api, ReferenceScenario.Result result) {
        return read(api, result, Scope.LEAN);
    }

    /** Reads through the APIs, six calls at a time. */
    public static Snapshot read(ReturnflowApi api, ReferenceScenario.Result result, Scope scope) {
        Snapshot s = new Snapshot(result, scope);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            result.operations().forEach((name, id) -> s.reports.put(name,
                    api.get(ReturnflowApi.CASES, "/api/removal-operations/" + id + "/report")));
            List<Person> people = result.cast().everyone().stream().filter(p -> p.caseId != null).toList();
            if (scope == Scope.LEAN) {
                for (UUID operationId : result.operations().values()) {
                    api.getAll(ReturnflowApi.CASES, "/api/removal-cases?operationId=" + operationId)
                            .forEach(c -> s.cases.put(UUID.fromString(c.path("caseId").asText()), c));
                }
            }
            List<Person> examined = scope == Scope.FULL ? people : people.stream().filter(p -> examined(p, result)).toList();
            parallel(pool, examined, p -> {
                if (scope == Scope.FULL || storied(p)) {
                    s.cases.put(p.caseId, api.get(ReturnflowApi.CASES, "/api/removal-cases/" + p.caseId));
                }
                s.detainees.put(p.detaineeId, api.get(ReturnflowApi.DETENTION, "/api/detainees/" + p.detaineeId));
                if (scope == Scope.FULL) {
                    List<JsonNode> consents = new ArrayList<>();
                    api.get(ReturnflowApi.CONSENT, "/api/consents?caseId=" + p.caseId + "&size=100").path("content")
                            .forEach(consents::add);
                    s.consents.put(p.caseId, consents);
                    s.notifications.put(p.caseId, api.getAll(ReturnflowApi.NOTIFICATIONS, "/api/notifications?caseId=" + p.caseId));
                }
            });
            // the scenario's flights, and any other flight a case was booked on (an earlier run's)
            java.util.Set<UUID> flightIds = new java.util.LinkedHashSet<>();
            result.flights().forEach(f -> flightIds.add(f.id));
            s.cases.values().forEach(c -> {
                if (c.hasNonNull("flightId")) {
                    flightIds.add(UUID.fromString(c.path("flightId").asText()));
                }
            });
            for (UUID flightId : flightIds) {
                s.flights.put(flightId, api.get(ReturnflowApi.FLIGHTS, "/api/flights/" + flightId));
                JsonNode manifest = api.get(ReturnflowApi.FLIGHTS, "/api/flights/" + flightId + "/manifest");
                s.manifests.put(flightId, manifest);
                manifest.path("active").forEach(e -> s.allEntries.add(Entry.of(e)));
                manifest.path("struck").forEach(e -> s.allEntries.add(Entry.of(e)));
            }
            s.allEntries.stream().filter(e -> s.byCase.containsKey(e.caseId())).forEach(s.entries::add);
            if (scope == Scope.FULL) {
                // S6: the detention service's own answer for every third-country person, on the PAN departure date
                LocalDate panDate = result.flights().stream().filter(f -> "PAN".equals(f.destination))
                        .map(f -> LocalDate.ofInstant(f.departureAt, ZoneOffset.UTC)).max(LocalDate::compareTo).orElseThrow();
                List<Person> thirdCountry = people.stream().filter(p -> !p.destination.equals(p.nationality)).toList();
                parallel(pool, thirdCountry, p -> s.thirdCountryEligibility.put(p.caseId, api.get(ReturnflowApi.DETENTION,
                        "/api/detainees/" + p.detaineeId + "/eligibility?destination=" + p.destination + "&on=" + panDate)));
                s.readNoticeHours(api);
            }
            // S8: anyone with the right role reads a case's full history; agencies read the audit trail
            Person sample = people.get(0);
            s.partnerHistoryStatus = api.call(ReturnflowApi.PARTNER, "GET", "/api/removal-cases/" + sample.caseId
                    + "?purpose=" + ReturnflowApi.encode("independent return monitoring"), null).status();
            List<Person> reviewed = people.stream().filter(p -> p.reviewPlan != Person.ReviewPlan.NONE)
                    .limit(scope == Scope.FULL ? 20 : 5).toList();
            parallel(pool, reviewed, p -> s.auditTrails.put(p.detaineeId,
                    api.get(ReturnflowApi.DETENTION, "/api/audit?subject=" + p.detaineeId + "&size=100")));
        } finally {
            pool.shutdownNow();
        }
        return s;
    }

    /** Whether a cross-check needs this person's detention record: a story of their own, or a boarding. */
    private static boolean examined(Person p, ReferenceScenario.Result result) {
        return storied(p) || result.boarded().contains(p.caseId);
    }

    /** A trait, a review plan or an event of the run: a cross-check reads the case's history too. */
    private static boolean storied(Person p) {
        return p.trait != Person.Trait.PLAIN || p.reviewPlan != Person.ReviewPlan.NONE || p.holdPlacedAfterBooking
                || p.consentWithdrawn || p.keepPropertyHeld;
    }

    private void readNoticeHours(ReturnflowApi api) {
        Map<String, String> businessKeys = new HashMap<>();
        for (int first = 0; ; first += 500) {
            JsonNode page = api.engine("operator1", "GET", "/engine-rest/history/process-instance"
                    + "?processDefinitionKey=removal-case&firstResult=" + first + "&maxResults=500", null);
            page.forEach(pi -> businessKeys.put(pi.path("id").asText(), pi.path("businessKey").asText()));
            if (page.size() < 500) {
                break;
            }
        }
        for (int first = 0; ; first += 500) {
            JsonNode page = api.engine("operator1", "GET", "/engine-rest/history/variable-instance"
                    + "?variableName=noticeHours&processDefinitionKey=removal-case&firstResult=" + first
                    + "&maxResults=500", null);
            for (JsonNode v : page) {
                String key = businessKeys.get(v.path("processInstanceId").asText());
                if (key != null && !key.isBlank() && v.path("value").canConvertToInt()) {
                    noticeHours.put(UUID.fromString(key), v.path("value").asInt());
                }
            }
            if (page.size() < 500) {
                break;
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    public ReferenceScenario.Result result() {
        return result;
    }

    /** Every person of the scenario with a case. */
    public Collection<Person> people() {
        return byCase.values();
    }

    /** The people whose detention record was read (FULL: everyone). */
    public List<Person> examined() {
        return byCase.values().stream().filter(p -> detainees.containsKey(p.detaineeId)).toList();
    }

    /** Whether the case was read with its history (FULL: every case). */
    public boolean hasHistory(UUID caseId) {
        JsonNode c = cases.get(caseId);
        return c != null && c.has("history");
    }

    public Scope scope() {
        return scope;
    }

    /** The workflow's report of each operation, by operation name. */
    public Map<String, JsonNode> reports() {
        return reports;
    }

    public String state(UUID caseId) {
        JsonNode c = cases.get(caseId);
        return c == null ? "UNKNOWN" : c.path("state").asText();
    }

    public JsonNode caseView(UUID caseId) {
        return cases.get(caseId);
    }

    public JsonNode detainee(Person p) {
        return detainees.get(p.detaineeId);
    }

    public List<JsonNode> notifications(UUID caseId) {
        return notifications.getOrDefault(caseId, List.of());
    }

    public List<JsonNode> consents(UUID caseId) {
        return consents.getOrDefault(caseId, List.of());
    }

    public List<Entry> entries() {
        return entries;
    }

    public Map<UUID, JsonNode> flights() {
        return flights;
    }

    public Map<UUID, JsonNode> manifests() {
        return manifests;
    }

    public List<Entry> entriesOf(UUID caseId) {
        return entries.stream().filter(e -> e.caseId().equals(caseId)).toList();
    }

    public Instant departureAt(UUID flightId) {
        return instant(flights.get(flightId), "departureAt");
    }

    public LocalDate departureDate(UUID flightId) {
        return LocalDate.ofInstant(departureAt(flightId), ZoneOffset.UTC);
    }

    static Instant instant(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : Instant.parse(node.path(field).asText());
    }

    static LocalDate date(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : LocalDate.parse(node.path(field).asText());
    }

    private static <T> void parallel(ExecutorService pool, Collection<T> items, Consumer<T> work) {
        List<Future<?>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> work.accept(item)));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
