package org.returnflow.workflow.domain.report;

import org.returnflow.workflow.domain.HistoryEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a case's history says that no other table of the workflow keeps: which seats the case held
 * on which flights and when they went, boarding and handover, the person's description (nationality,
 * language, facility, counsel), each delivered notice's language, and what the flights did.
 *
 * <p>The lines are the ones {@code ReplyHandlers} and the process write (codes, ids, instants); this
 * class is the one place that reads their wording, and {@code HistoryFactsContractTest} feeds it the
 * lines the handlers really write, so a change of wording fails a test rather than a report.
 * {@code STALE_REPLY} lines changed nothing and are never read as facts.
 */
public final class CaseHistoryFacts {

    private static final String UUID_RE = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final Pattern SEAT_BOOKED = Pattern.compile(
            "^seat (\\S+) on (\\S+) \\(flight " + UUID_RE + "\\) (\\S+), departing (\\S+)");
    private static final Pattern FLIGHT_ID = Pattern.compile("(?:flightId=|flight )" + UUID_RE);
    private static final Pattern REASON = Pattern.compile("(?:reason=|released: |cancelled: )([A-Z][A-Z0-9_]*)");
    private static final Pattern DELIVERED = Pattern.compile(
            "^(\\S+) notice (\\S+) delivered to (\\S+) in (\\S+)( \\(fallback locale\\))? at (\\S+)(?: about flight " + UUID_RE + ")?");
    private static final Pattern DESCRIBED = Pattern.compile(
            "nationality (\\S+), language (\\S+), facility ([^,]+),.*?(no counsel of record|counsel of record)");
    private static final Pattern ASSESSED = Pattern.compile("^(INITIAL|FINAL) assessment for (\\S+) on (\\d{4}-\\d{2}-\\d{2})");

    /** A seat the case held, from its booking to its release (null while held). */
    public record SeatSpan(UUID flightId, String flightNumber, String seat, String route, Instant departureAt,
                           Instant bookedAt, Instant releasedAt, String releaseReason, Instant boardedAt,
                           Instant handedOverAt) {

        public boolean held() {
            return releasedAt == null;
        }

        /** Held at this instant. */
        public boolean heldAt(Instant at) {
            return !bookedAt.isAfter(at) && (releasedAt == null || releasedAt.isAfter(at));
        }

        /** Held at some moment between these two instants (an open end is now). */
        public boolean overlaps(SeatSpan other) {
            return (other.releasedAt == null || bookedAt.isBefore(other.releasedAt))
                    && (releasedAt == null || other.bookedAt.isBefore(releasedAt));
        }
    }

    /** A notice delivered to a recipient, as notification reported it. */
    public record Delivery(String template, String notificationId, String recipient, String locale, boolean fallback,
                           UUID flightId, Instant at) {
    }

    /** The person as detention last described them. */
    public record Described(String nationality, String language, String facility, boolean counsel) {
    }

    /** An eligibility answer the case took: its stage and the date it was asked for. */
    public record Assessment(String stage, LocalDate onDate, Instant at) {
    }

    /** What the flights of the case did, as far as the case heard. */
    public record FlightNews(boolean locked, boolean departed, boolean arrived, boolean cancelled) {
        FlightNews with(String kind) {
            return switch (kind) {
                case "MANIFEST_LOCKED" -> new FlightNews(true, departed, arrived, cancelled);
                case "FLIGHT_DEPARTED" -> new FlightNews(locked, true, arrived, cancelled);
                case "FLIGHT_ARRIVED" -> new FlightNews(locked, departed, true, cancelled);
                case "FLIGHT_CANCELLED" -> new FlightNews(locked, departed, arrived, true);
                default -> this;
            };
        }
    }

    private final List<SeatSpan> seats;
    private final List<Delivery> deliveries;
    private final Described described;
    private final List<Assessment> assessments;
    private final Map<UUID, FlightNews> flights;
    private final List<HistoryEntry> refusals;
    private final Instant consentWithdrawnAt;
    private final int consentsRefusedWithoutEvidence;

    private CaseHistoryFacts(List<SeatSpan> seats, List<Delivery> deliveries, Described described,
                             List<Assessment> assessments, Map<UUID, FlightNews> flights, List<HistoryEntry> refusals,
                             Instant consentWithdrawnAt, int consentsRefusedWithoutEvidence) {
        this.seats = seats;
        this.deliveries = deliveries;
        this.described = described;
        this.assessments = assessments;
        this.flights = flights;
        this.refusals = refusals;
        this.consentWithdrawnAt = consentWithdrawnAt;
        this.consentsRefusedWithoutEvidence = consentsRefusedWithoutEvidence;
    }

    /** Every seat the case held, oldest first; the one held now has no release. */
    public List<SeatSpan> seats() {
        return seats;
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public Optional<Described> described() {
        return Optional.ofNullable(described);
    }

    public List<Assessment> assessments() {
        return assessments;
    }

    public Map<UUID, FlightNews> flights() {
        return flights;
    }

    /** Task completions the workflow refused (422 and 400), with who tried. */
    public List<HistoryEntry> refusals() {
        return refusals;
    }

    public Optional<Instant> consentWithdrawnAt() {
        return Optional.ofNullable(consentWithdrawnAt);
    }

    public int consentsRefusedWithoutEvidence() {
        return consentsRefusedWithoutEvidence;
    }

    /** The facts of each case file, by case id, in the files' order. */
    public static Map<UUID, CaseHistoryFacts> ofEach(List<CaseFile> files) {
        Map<UUID, CaseHistoryFacts> facts = new LinkedHashMap<>();
        files.forEach(f -> facts.put(f.caseId(), of(f)));
        return facts;
    }

    /** Reads the history of a case file, and reconciles the seats with the seat its records hold now. */
    public static CaseHistoryFacts of(CaseFile file) {
        List<Span> spans = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        List<Assessment> assessments = new ArrayList<>();
        Map<UUID, FlightNews> flights = new TreeMap<>();
        List<HistoryEntry> refusals = new ArrayList<>();
        Described described = null;
        Instant withdrawn = null;
        int unevidenced = 0;
        Instant last = file.createdAt();
        for (HistoryEntry line : file.history()) {
            String detail = line.detail() == null ? "" : line.detail();
            last = line.at();
            switch (line.kind()) {
                case "SEAT_BOOKED" -> {
                    Matcher m = SEAT_BOOKED.matcher(detail);
                    if (m.find()) {
                        UUID flightId = UUID.fromString(m.group(3));
                        open(spans).ifPresent(previous -> previous.release(line.at(), "REPLACED"));
                        spans.add(new Span(flightId, m.group(2), m.group(1), m.group(4), instant(m.group(5)), line.at()));
                    }
                }
                case "SEAT_RELEASED", "OFFLOADED" -> flightIn(detail).ifPresent(flightId ->
                        openOn(spans, flightId).ifPresent(span -> span.release(line.at(), reasonIn(detail).orElse("RELEASED"))));
                case "FLIGHT_CANCELLED", "MANIFEST_LOCKED", "FLIGHT_DEPARTED", "FLIGHT_ARRIVED" -> flightIn(detail).ifPresent(flightId -> {
                    flights.merge(flightId, new FlightNews(false, false, false, false).with(line.kind()),
                            (a, b) -> a.with(line.kind()));
                    if ("FLIGHT_CANCELLED".equals(line.kind())) {
                        openOn(spans, flightId).ifPresent(span -> span.release(line.at(), "FLIGHT_CANCELLED"));
                    }
                });
                case "PASSENGER_BOARDED" -> flightIn(detail).flatMap(flightId -> lastOn(spans, flightId))
                        .ifPresent(span -> span.boardedAt = span.boardedAt == null ? line.at() : span.boardedAt);
                case "HANDOVER_CONFIRMED" -> flightIn(detail).flatMap(flightId -> lastOn(spans, flightId))
                        .ifPresent(span -> span.handedOverAt = span.handedOverAt == null ? line.at() : span.handedOverAt);
                case "NOTIFICATION_DELIVERED" -> {
                    Matcher m = DELIVERED.matcher(detail);
                    if (m.find()) {
                        deliveries.add(new Delivery(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5) != null,
                                m.group(7) == null ? null : UUID.fromString(m.group(7)), line.at()));
                    }
                }
                case "DETAINEE_DESCRIBED" -> {
                    Matcher m = DESCRIBED.matcher(detail);
                    if (m.find()) {
                        described = new Described(m.group(1), m.group(2), m.group(3).strip(),
                                "counsel of record".equals(m.group(4)));
                    }
                }
                case "ELIGIBILITY_ASSESSED" -> {
                    Matcher m = ASSESSED.matcher(detail);
                    if (m.find()) {
                        assessments.add(new Assessment(m.group(1), LocalDate.parse(m.group(3)), line.at()));
                    }
                }
                case "CONSENT_WITHDRAWN" -> withdrawn = withdrawn == null ? line.at() : withdrawn;
                case "CONSENT_REFUSED_WITHOUT_EVIDENCE" -> unevidenced++;
                case "TASK_COMPLETION_REFUSED" -> refusals.add(line);
                default -> {
                    // other lines are states, decisions and replies the tables already hold
                }
            }
        }
        reconcile(spans, file.seat(), last);
        return new CaseHistoryFacts(spans.stream().map(Span::freeze).toList(), List.copyOf(deliveries), described,
                List.copyOf(assessments), Map.copyOf(flights), List.copyOf(refusals), withdrawn, unevidenced);
    }

    /**
     * The seat the records hold now is the truth about the present: its departure may have moved since
     * the booking line, and a seat the history lost track of (none should) is still counted.
     */
    private static void reconcile(List<Span> spans, CaseFile.Seat seat, Instant last) {
        for (Span span : spans) {
            if (span.releasedAt == null && (seat == null || !seat.flightId().equals(span.flightId))) {
                span.release(last, "NO_LONGER_HELD");
            }
        }
        if (seat == null) {
            return;
        }
        Optional<Span> held = openOn(spans, seat.flightId());
        if (held.isPresent()) {
            held.get().departureAt = seat.departureAt();
            held.get().seat = seat.seat();
        } else {
            Span span = new Span(seat.flightId(), seat.flightNumber(), seat.seat(), seat.route(), seat.departureAt(),
                    seat.bookedAt());
            spans.add(span);
        }
    }

    private static Optional<Span> open(List<Span> spans) {
        return spans.stream().filter(s -> s.releasedAt == null).reduce((a, b) -> b);
    }

    private static Optional<Span> openOn(List<Span> spans, UUID flightId) {
        return spans.stream().filter(s -> s.releasedAt == null && s.flightId.equals(flightId)).reduce((a, b) -> b);
    }

    private static Optional<Span> lastOn(List<Span> spans, UUID flightId) {
        return spans.stream().filter(s -> s.flightId.equals(flightId)).reduce((a, b) -> b);
    }

    private static Optional<UUID> flightIn(String detail) {
        Matcher m = FLIGHT_ID.matcher(detail);
        return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    private static Optional<String> reasonIn(String detail) {
        Matcher m = REASON.matcher(detail);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A seat while the history is read. */
    private static final class Span {
        final UUID flightId;
        final String flightNumber;
        final String route;
        String seat;
        Instant departureAt;
        final Instant bookedAt;
        Instant releasedAt;
        String releaseReason;
        Instant boardedAt;
        Instant handedOverAt;

        Span(UUID flightId, String flightNumber, String seat, String route, Instant departureAt, Instant bookedAt) {
            this.flightId = flightId;
            this.flightNumber = flightNumber;
            this.seat = seat;
            this.route = route;
            this.departureAt = departureAt;
            this.bookedAt = bookedAt;
        }

        void release(Instant at, String reason) {
            releasedAt = at;
            releaseReason = reason;
        }

        SeatSpan freeze() {
            return new SeatSpan(flightId, flightNumber, seat, route, departureAt, bookedAt, releasedAt, releaseReason,
                    boardedAt, handedOverAt);
        }
    }
}
