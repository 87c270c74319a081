package org.returnflow.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.returnflow.contracts.consent.ConsentDeclined;
import org.returnflow.contracts.consent.ConsentExpired;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.ConsentRequested;
import org.returnflow.contracts.consent.ConsentWithdrawn;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.detention.DetaineeRecordChanged;
import org.returnflow.contracts.detention.DetaineeReleasedFromOperation;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
import org.returnflow.contracts.flight.FlightRescheduled;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.MonitorAssigned;
import org.returnflow.contracts.flight.MonitorUnassigned;
import org.returnflow.contracts.flight.MonitoringFindingReported;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.contracts.workflow.CaseStateChanged;

/**
 * One realistic instance of every message, from the reference scenario: operation IRN-2026-01,
 * a charter AEX - DOH - IKA, a Persian-speaking person. Optional fields are filled wherever they
 * make sense, so that the schemas see them.
 */
final class Samples {

    static final UUID CASE = UUID.fromString("6f0b8a52-4c1e-4d2a-9b7e-1a2b3c4d5e01");
    static final UUID DETAINEE = UUID.fromString("0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e02");
    static final UUID OPERATION = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03");
    static final UUID FLIGHT = UUID.fromString("5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928104");
    static final UUID OTHER_CASE = UUID.fromString("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c05");
    static final UUID HOLD = UUID.fromString("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d06");
    static final UUID PERMIT = UUID.fromString("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d07");
    static final UUID CONSENT = UUID.fromString("3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e07");
    static final UUID NOTIFICATION = UUID.fromString("4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f08");
    /** The CloudEvents id of the command a sample reply answers. */
    static final UUID REQUEST = UUID.fromString("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a09");

    static final UUID REPORT = UUID.fromString("6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b10");
    static final UUID FINDING = UUID.fromString("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c11");
    static final String IRN = "IRN";
    static final String FACILITY = "LA-JENA";
    static final LocalDate DETAINED_SINCE = LocalDate.parse("2026-03-14");
    static final LocalDate DEPARTURE_DAY = LocalDate.parse("2026-12-05");
    static final Instant DEPARTURE = Instant.parse("2026-12-05T08:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T14:30:00Z");
    static final String EVIDENCE_SHA256 =
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static final Map<Class<? extends Message>, Message> ALL = build();

    private Samples() {
    }

    /** Every sample, keyed by its record class. */
    static Map<Class<? extends Message>, Message> all() {
        return ALL;
    }

    /** The sample of {@code type}; fails when there is none. */
    static <T extends Message> T of(Class<T> type) {
        Message sample = ALL.get(type);
        if (sample == null) {
            throw new IllegalArgumentException("No sample for " + type.getName());
        }
        return type.cast(sample);
    }

    private static Map<Class<? extends Message>, Message> build() {
        Map<Class<? extends Message>, Message> m = new LinkedHashMap<>();
        put(m, new DescribeDetainee(CASE, DETAINEE));
        put(m, new AssessEligibility(CASE, DETAINEE, IRN, DEPARTURE_DAY, EligibilityStage.INITIAL));
        put(m, new RecordRemoval(CASE, DETAINEE, FLIGHT));
        put(m, new ReleaseFromOperation(CASE, DETAINEE, "LEGAL_REVIEW_WITHDRAWN"));
        put(m, new DetaineeDescribed(CASE, DETAINEE, IRN, "fa", DETAINED_SINCE, FACILITY,
                CustodyStatus.IN_CUSTODY, true, REQUEST));
        put(m, new DetaineeUnknown(CASE, DETAINEE, REQUEST));
        put(m, new EligibilityAssessed(CASE, DETAINEE, IRN, DEPARTURE_DAY, EligibilityStage.INITIAL, false,
                List.of(
                        new Blocker(BlockerCode.ACTIVE_LEGAL_HOLD, HOLD),
                        new Blocker(BlockerCode.VALID_RESIDENCE_PERMIT, PERMIT),
                        Blocker.of(BlockerCode.NOT_FIT_TO_FLY)), REQUEST));
        put(m, new LegalHoldPlaced(CASE, DETAINEE, HOLD, NOW));
        put(m, new LegalHoldLifted(CASE, DETAINEE, HOLD, NOW.plusSeconds(86_400)));
        put(m, new DetaineeRemoved(CASE, DETAINEE, FLIGHT, DEPARTURE.plusSeconds(20 * 3600), REQUEST));
        put(m, new DetaineeReleasedFromOperation(CASE, DETAINEE, "LEGAL_REVIEW_WITHDRAWN", NOW, REQUEST));
        put(m, new DetaineeRecordChanged(CASE, DETAINEE, DetaineeRecordChange.CUSTODY_RELEASED, true,
                UUID.fromString("5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d11"), "RELIEF_GRANTED", NOW));

        put(m, new RequestConsent(CASE, DETAINEE, "fa", DETAINED_SINCE, NOW.plusSeconds(7 * 86_400)));
        put(m, new ConsentRequested(CASE, CONSENT, DETAINEE, "fa", NOW.plusSeconds(7 * 86_400), REQUEST));
        put(m, new ConsentGiven(CASE, CONSENT, DETAINEE, "officer-lajena-017", "fa", "interpreter-fa-003",
                EVIDENCE_SHA256, NOW, 251, false, REQUEST));
        put(m, new ConsentDeclined(CASE, CONSENT, DETAINEE, "officer-lajena-017", NOW, REQUEST));
        put(m, new ConsentWithdrawn(CASE, CONSENT, DETAINEE, NOW.plusSeconds(3 * 86_400), REQUEST));
        put(m, new ConsentExpired(CASE, CONSENT, DETAINEE, NOW.plusSeconds(7 * 86_400), REQUEST));

        put(m, new BookSeat(CASE, IRN, Instant.parse("2026-11-23T14:30:00Z"), 120, IRN));
        put(m, new ReleaseSeat(CASE, "LEGAL_HOLD_PLACED"));
        put(m, new FlightScheduled(FLIGHT, "RF2601", IRN, DEPARTURE, 120));
        put(m, new SeatBooked(CASE, FLIGHT, "RF2601", "12A", DEPARTURE, "AEX", List.of("DOH"), "IKA", REQUEST));
        put(m, new SeatUnavailable(CASE, IRN, Instant.parse("2026-11-23T14:30:00Z"), REQUEST));
        put(m, new SeatReleased(CASE, FLIGHT, "12A", "LEGAL_HOLD_PLACED", NOW, REQUEST));
        put(m, new ManifestLocked(FLIGHT, DEPARTURE, List.of(CASE), CASE));
        put(m, new PassengerBoarded(CASE, FLIGHT, DEPARTURE.minusSeconds(3600)));
        put(m, new FlightDeparted(FLIGHT, DEPARTURE.plusSeconds(600), List.of(CASE), CASE));
        put(m, new FlightArrived(FLIGHT, DEPARTURE.plusSeconds(19 * 3600), List.of(CASE), CASE));
        put(m, new HandoverConfirmed(CASE, FLIGHT, DEPARTURE.plusSeconds(20 * 3600)));
        put(m, new FlightCancelled(FLIGHT, "AIRCRAFT_UNAVAILABLE", List.of(CASE), NOW, CASE));
        put(m, new FlightRescheduled(FLIGHT, DEPARTURE, DEPARTURE.plusSeconds(6 * 3600), "CREW_REST", List.of(CASE),
                NOW, CASE));
        put(m, new MonitorAssigned(FLIGHT, "return-monitor", NOW));
        put(m, new MonitorUnassigned(FLIGHT, "return-monitor", NOW.plusSeconds(3600)));
        put(m, new MonitoringFindingReported(CASE, FLIGHT, REPORT, FINDING, "return-monitor",
                "RESTRAINT_DISPROPORTIONATE", "SERIOUS", DEPARTURE.plusSeconds(20 * 3600)));

        put(m, new SendNotification(CASE, DETAINEE, RecipientType.CONSULATE, null, IRN,
                TemplateKey.CASE_BOOKED, "fa", FLIGHT,
                Map.of("flightNumber", "RF2601", "departureAt", "2026-12-05T08:00:00Z",
                        "departureAirport", "AEX", "arrivalAirport", "IKA")));
        put(m, new RegisterContact(DETAINEE, RecipientType.COUNSEL, "counsel.lajena@example.org", "de"));
        put(m, new NotificationDelivered(CASE, NOTIFICATION, RecipientType.DETAINEE, TemplateKey.CASE_BOOKED,
                "fa", false, "<" + NOTIFICATION + "@returnflow.local>", NOW, FLIGHT, REQUEST, TranslationStatus.DRAFT));
        put(m, new NotificationFailed(CASE, NOTIFICATION, RecipientType.CONSULATE, TemplateKey.CASE_BOOKED,
                "NO_CONSULATE_ADDRESS", NOW, FLIGHT, REQUEST));

        put(m, new CaseStateChanged(CASE, DETAINEE, OPERATION, CaseState.BOOKED, CaseState.AWAITING_SEAT, NOW));
        return Map.copyOf(m);
    }

    private static void put(Map<Class<? extends Message>, Message> m, Message sample) {
        if (m.put(sample.getClass(), sample) != null) {
            throw new IllegalStateException("Two samples for " + sample.getClass().getName());
        }
    }
}
