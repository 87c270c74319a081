package org.returnflow.workflow.domain.report;

import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.report.CaseFile.Request;
import org.returnflow.workflow.domain.report.CaseHistoryFacts.SeatSpan;
import org.returnflow.workflow.domain.report.OperationReport.BlockerMet;
import org.returnflow.workflow.domain.report.OperationReport.Cases;
import org.returnflow.workflow.domain.report.OperationReport.Language;
import org.returnflow.workflow.domain.report.OperationReport.Manifest;
import org.returnflow.workflow.domain.report.OperationReport.NoticeCounts;
import org.returnflow.workflow.domain.report.OperationReport.Notices;
import org.returnflow.workflow.domain.report.OperationReport.Monitoring;
import org.returnflow.workflow.domain.report.OperationReport.Remedies;
import org.returnflow.workflow.domain.report.OperationReport.Reverifications;
import org.returnflow.workflow.domain.report.OperationReport.Voluntariness;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the report of an operation from the workflow's own records, all read in one repeatable-read
 * transaction so that every section describes the same moment.
 */
@Service
public class OperationReports {

    /** What no report of the workflow can claim, whoever asks. */
    static final List<String> NOT_VISIBLE = List.of(
            "Names, documents, permits, holds, clearances and property of the people: detention's. The report names cases by id.",
            "Seat capacity, escort seats, seats of other operations, and each seat's boarding and handover as flight "
                    + "recorded them: flight's (GET /api/flights/{id}/manifest). The report counts what the cases were told.",
            "The consent requests and the officers' records behind them: consent's.",
            "The e-mails, their addresses, and whether a template was a reviewed translation or a draft: notification's.");

    /** The stage of a re-verification's eligibility request ({@code case_request.detail}). */
    static final String REVERIFY = "REVERIFY";

    private final JdbcTemplate jdbc;
    private final CaseFiles caseFiles;

    public OperationReports(JdbcTemplate jdbc, CaseFiles caseFiles) {
        this.jdbc = jdbc;
        this.caseFiles = caseFiles;
    }

    /**
     * The report of the operation, or empty when there is no such operation.
     *
     * @param reach the facilities the reader may see (the report then covers their cases only), or null for all
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<OperationReport> report(UUID operationId, Set<String> reach) {
        Optional<OperationReport.Operation> operation = jdbc.query("select id, name, destination_country, created_at, "
                        + "created_by from removal_operation where id = ?",
                (rs, n) -> new OperationReport.Operation(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)), operationId).stream().findFirst();
        if (operation.isEmpty()) {
            return Optional.empty();
        }
        List<CaseFile> files = caseFiles.ofOperation(operationId, reach);
        Map<UUID, CaseHistoryFacts> facts = CaseHistoryFacts.ofEach(files);
        Map<UUID, List<UUID>> open = caseFiles.openCasesOf(files);
        List<Manifest> manifests = manifests(files, facts);
        return Optional.of(new OperationReport(operation.get(), Instant.now(),
                reach == null ? null : reach.stream().sorted().toList(), cases(files), voluntariness(files),
                blockers(files), manifests, notices(files, facts), reverifications(files),
                remedies(files), fearClaimWindows(files), monitoring(files, manifests), SafeguardAudit.check(files, facts, open),
                NOT_VISIBLE));
    }

    /** The eligibility requests of stage REVERIFY, and the blockers their answers brought. */
    static Reverifications reverifications(List<CaseFile> files) {
        long requested = 0;
        long answered = 0;
        long caught = 0;
        Map<String, Long> byCode = new TreeMap<>();
        for (CaseFile file : files) {
            List<CaseFile.Request> checks = file.requests(SafeguardAudit.ASSESS_ELIGIBILITY).stream()
                    .filter(r -> REVERIFY.equals(r.detail())).toList();
            requested += checks.size();
            answered += checks.stream().filter(r -> r.answeredAt() != null).count();
            Set<UUID> ids = checks.stream().map(CaseFile.Request::requestId).collect(Collectors.toSet());
            Set<String> found = file.blockers().stream().filter(b -> b.sourceRequest() != null && ids.contains(b.sourceRequest()))
                    .map(CaseFile.Blocker::code).collect(Collectors.toCollection(TreeSet::new));
            if (!found.isEmpty()) {
                caught++;
                found.forEach(code -> byCode.merge(code, 1L, Long::sum));
            }
        }
        return new Reverifications(requested, answered, caught, byCode);
    }

    /** The remedies ordered for the operation's cases, by status. */
    Remedies remedies(List<CaseFile> files) {
        if (files.isEmpty()) {
            return new Remedies(0, 0, 0);
        }
        UUID[] ids = files.stream().map(CaseFile::caseId).toArray(UUID[]::new);
        Map<String, Long> byStatus = new TreeMap<>();
        jdbc.query("select status, count(*) from remedy_order where case_id = any(?) group by status",
                rs -> {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }, (Object) ids);
        long open = byStatus.getOrDefault("OPEN", 0L);
        long returned = byStatus.getOrDefault("RETURNED", 0L);
        return new Remedies(open + returned, open, returned);
    }

    /** The fear-claim windows of the operation's cases, and the holds placed while one ran. */
    OperationReport.FearClaimWindows fearClaimWindows(List<CaseFile> files) {
        if (files.isEmpty()) {
            return new OperationReport.FearClaimWindows(0, 0, 0, 0, 0, 0);
        }
        UUID[] ids = files.stream().map(CaseFile::caseId).toArray(UUID[]::new);
        return jdbc.queryForObject("select count(*), count(*) filter (where w.closed_at is null), "
                        + "count(*) filter (where w.closed_at is not null), "
                        + "count(*) filter (where w.assurance_reference is not null), "
                        + "count(*) filter (where w.local_override is not null), "
                        + "count(distinct w.case_id) filter (where exists (select 1 from case_blocker b "
                        + "where b.case_id = w.case_id and b.source = 'LEGAL_HOLD_PLACED' and b.recorded_at >= w.opened_at "
                        + "and b.recorded_at <= coalesce(w.closed_at, now()))) "
                        + "from case_fear_window w where w.case_id = any(?)",
                (rs, n) -> new OperationReport.FearClaimWindows(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)), (Object) ids);
    }

    /** The monitors assigned to the flights of the manifests, and the findings about the operation's cases. */
    Monitoring monitoring(List<CaseFile> files, List<Manifest> manifests) {
        UUID[] flights = manifests.stream().map(Manifest::flightId).toArray(UUID[]::new);
        Long monitors = flights.length == 0 ? 0L : jdbc.queryForObject("select count(*) from monitor_assignment "
                + "where unassigned_at is null and flight_id = any(?)", Long.class, (Object) flights);
        Map<String, Long> byCode = new TreeMap<>();
        if (!files.isEmpty()) {
            jdbc.query("select finding_code, count(*) from monitoring_finding where case_id = any(?) group by finding_code",
                    rs -> {
                        byCode.put(rs.getString(1), rs.getLong(2));
                    }, (Object) files.stream().map(CaseFile::caseId).toArray(UUID[]::new));
        }
        return new Monitoring(monitors == null ? 0 : monitors, byCode.values().stream().mapToLong(Long::longValue).sum(),
                byCode);
    }

    static Cases cases(List<CaseFile> files) {
        Map<CaseState, Long> byState = byState(files);
        long ended = files.stream().filter(CaseFile::ended).count();
        return new Cases(files.size(), byState, files.size() - ended, ended);
    }

    static Voluntariness voluntariness(List<CaseFile> files) {
        long voluntary = files.stream().filter(f -> Boolean.TRUE.equals(f.voluntary())).count();
        long not = files.stream().filter(f -> Boolean.FALSE.equals(f.voluntary())).count();
        Map<String, Long> standing = files.stream().filter(f -> f.consent() != null)
                .collect(Collectors.groupingBy(f -> f.consent().standing(), TreeMap::new, Collectors.counting()));
        long interpreted = files.stream().filter(f -> Boolean.TRUE.equals(f.voluntary()) && f.consent() != null
                && f.consent().interpreter() != null && !f.consent().interpreter().isBlank()).count();
        return new Voluntariness(voluntary, not, files.size() - voluntary - not, standing, interpreted);
    }

    static List<BlockerMet> blockers(List<CaseFile> files) {
        Map<String, List<CaseFile>> byCode = new TreeMap<>();
        for (CaseFile file : files) {
            file.blockers().stream().map(CaseFile.Blocker::code).distinct()
                    .forEach(code -> byCode.computeIfAbsent(code, k -> new ArrayList<>()).add(file));
        }
        List<BlockerMet> met = new ArrayList<>();
        byCode.forEach((code, cases) -> met.add(new BlockerMet(code, cases.size(),
                cases.stream().filter(f -> f.blockers(code).stream().anyMatch(b -> b.clearedAt() == null)).count(),
                cases.stream().filter(f -> f.overrides().stream().anyMatch(o -> o.code().equals(code))).count(),
                present(byState(cases)))));
        return met;
    }

    static List<Manifest> manifests(List<CaseFile> files, Map<UUID, CaseHistoryFacts> facts) {
        Map<UUID, List<SeatSpan>> byFlight = new LinkedHashMap<>();
        Map<UUID, Set<UUID>> casesByFlight = new LinkedHashMap<>();
        Map<UUID, CaseHistoryFacts.FlightNews> news = new LinkedHashMap<>();
        for (CaseFile file : files) {
            CaseHistoryFacts story = facts.get(file.caseId());
            for (SeatSpan span : story.seats()) {
                byFlight.computeIfAbsent(span.flightId(), k -> new ArrayList<>()).add(span);
                casesByFlight.computeIfAbsent(span.flightId(), k -> new TreeSet<>()).add(file.caseId());
            }
            story.flights().forEach((flightId, heard) -> news.merge(flightId, heard, (a, b) -> new CaseHistoryFacts.FlightNews(
                    a.locked() || b.locked(), a.departed() || b.departed(), a.arrived() || b.arrived(),
                    a.cancelled() || b.cancelled())));
        }
        List<Manifest> manifests = new ArrayList<>();
        byFlight.forEach((flightId, spans) -> {
            SeatSpan latest = spans.stream().filter(SeatSpan::held).findFirst()
                    .orElse(spans.stream().max(Comparator.comparing(SeatSpan::bookedAt)).orElseThrow());
            String flightNumber = spans.stream().map(SeatSpan::flightNumber).filter(Objects::nonNull).findFirst().orElse(null);
            Map<String, Long> released = spans.stream().filter(s -> !s.held())
                    .collect(Collectors.groupingBy(SeatSpan::releaseReason, TreeMap::new, Collectors.counting()));
            manifests.add(new Manifest(flightId, flightNumber, latest.route(), latest.departureAt(),
                    status(news.get(flightId)), casesByFlight.get(flightId).size(), spans.stream().filter(SeatSpan::held).count(),
                    SafeguardAudit.mostHeldAtOnce(spans), spans.stream().filter(s -> s.boardedAt() != null).count(),
                    spans.stream().filter(s -> s.handedOverAt() != null).count(), released));
        });
        manifests.sort(Comparator.comparing(Manifest::departureAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Manifest::flightNumber, Comparator.nullsLast(Comparator.naturalOrder())));
        return manifests;
    }

    private static String status(CaseHistoryFacts.FlightNews heard) {
        if (heard == null) {
            return "SCHEDULED";
        }
        return heard.cancelled() ? "CANCELLED" : heard.arrived() ? "ARRIVED" : heard.departed() ? "DEPARTED"
                : heard.locked() ? "LOCKED" : "SCHEDULED";
    }

    /** What became of a notice the process asked for. */
    private enum Outcome { DELIVERED, FAILED, AWAITING, SUPERSEDED }

    static Notices notices(List<CaseFile> files, Map<UUID, CaseHistoryFacts> facts) {
        Map<Request, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Long> languages = new TreeMap<>();
        Map<String, Long> fallbacks = new TreeMap<>();
        long notInTheirLanguage = 0;
        for (CaseFile file : files) {
            List<CaseHistoryFacts.Delivery> deliveries = facts.get(file.caseId()).deliveries();
            file.requests(SafeguardAudit.SEND_NOTIFICATION).forEach(r -> outcomes.put(r, outcome(r, deliveries)));
            Set<String> counted = new TreeSet<>();
            for (CaseHistoryFacts.Delivery d : deliveries) {
                if (!counted.add(d.notificationId())) {
                    continue; // announced again for a command sent again: one notice
                }
                String key = d.recipient() + "\u0000" + d.locale();
                languages.merge(key, 1L, Long::sum);
                fallbacks.merge(key, d.fallback() ? 1L : 0L, Long::sum);
            }
            notInTheirLanguage += deliveries.stream().anyMatch(d -> "DETAINEE".equals(d.recipient()) && d.fallback()) ? 1 : 0;
        }
        List<Language> byLanguage = new ArrayList<>();
        languages.forEach((key, n) -> {
            String[] parts = key.split("\u0000", 2);
            byLanguage.add(new Language(parts[0], parts[1], n, fallbacks.get(key)));
        });
        NoticeCounts all = counts(outcomes.values());
        return new Notices(all.requested(), all.delivered(), all.failed(), all.awaiting(),
                outcomes.values().stream().filter(o -> o == Outcome.SUPERSEDED).count(),
                grouped(outcomes, Request::scope), grouped(outcomes, r -> r.detail() == null ? "UNKNOWN" : r.detail()),
                byLanguage, notInTheirLanguage);
    }

    /**
     * The answer the request got; a case that has ended takes no more answers as records, so a delivery
     * that came after the end (a withdrawal notice) is found in the history by recipient, template and flight.
     */
    private static Outcome outcome(Request r, List<CaseHistoryFacts.Delivery> deliveries) {
        if ("NotificationDelivered".equals(r.answerType())) {
            return Outcome.DELIVERED;
        }
        if ("NotificationFailed".equals(r.answerType())) {
            return Outcome.FAILED;
        }
        if (r.supersededAt() != null) {
            return Outcome.SUPERSEDED;
        }
        boolean deliveredLater = deliveries.stream().anyMatch(d -> d.recipient().equals(r.scope())
                && d.template().equals(r.detail()) && Objects.equals(d.flightId(), r.flightId()) && !d.at().isBefore(r.sentAt()));
        return deliveredLater ? Outcome.DELIVERED : Outcome.AWAITING;
    }

    private static Map<String, NoticeCounts> grouped(Map<Request, Outcome> outcomes, Function<Request, String> key) {
        Map<String, List<Outcome>> groups = new TreeMap<>();
        outcomes.forEach((r, o) -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(o));
        Map<String, NoticeCounts> counts = new LinkedHashMap<>();
        groups.forEach((k, v) -> counts.put(k, counts(v)));
        return counts;
    }

    private static NoticeCounts counts(java.util.Collection<Outcome> outcomes) {
        return new NoticeCounts(outcomes.size(), outcomes.stream().filter(o -> o == Outcome.DELIVERED).count(),
                outcomes.stream().filter(o -> o == Outcome.FAILED).count(),
                outcomes.stream().filter(o -> o == Outcome.AWAITING).count());
    }

    /** Only the states some case is in, in the process's order. */
    private static Map<CaseState, Long> present(Map<CaseState, Long> byState) {
        Map<CaseState, Long> present = new EnumMap<>(CaseState.class);
        byState.forEach((state, n) -> {
            if (n > 0) {
                present.put(state, n);
            }
        });
        return present;
    }

    /** Every state in the process's order, zero where no case is. */
    private static Map<CaseState, Long> byState(List<CaseFile> files) {
        Map<CaseState, Long> byState = new EnumMap<>(CaseState.class);
        for (CaseState state : CaseState.values()) {
            byState.put(state, 0L);
        }
        files.forEach(f -> byState.merge(f.state(), 1L, Long::sum));
        return byState;
    }
}
