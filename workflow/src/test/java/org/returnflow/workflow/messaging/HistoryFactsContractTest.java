package org.returnflow.workflow.messaging;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.report.CaseFile;
import org.returnflow.workflow.domain.report.CaseHistoryFacts;
import org.returnflow.workflow.domain.report.CaseHistoryFacts.SeatSpan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The report reads some facts only from the case history: the seats, boarding and handover, the
 * person's description, each notice's language. These are the lines {@link ReplyHandlers} really
 * writes, read back by {@link CaseHistoryFacts}: a change of their wording fails here, not in a report.
 */
class HistoryFactsContractTest {

    private static final UUID CASE = UUID.fromString("0b8f6a52-52a4-4d0e-9a4b-7c1f0d2e3a41");
    private static final UUID PERSON = UUID.fromString("1c9a7b63-63b5-4e1f-8b52-8d2e1f3a4b52");
    private static final UUID FIRST = UUID.fromString("2daa8c74-74c6-4f20-9c63-9e3f2a4b5c63");
    private static final UUID SECOND = UUID.fromString("3ebb9d85-85d7-4031-8d74-af4a3b5c6d74");
    private static final Instant DEPARTS = Instant.parse("2026-12-05T06:00:00Z");
    private static final MessageContext CONTEXT = new MessageContext("ce-1", "returnflow.flight.SeatBooked.v1",
            "/returnflow/flight-service", CASE.toString(), OffsetDateTime.now(), "flight.events", 0, 1);

    private final ReplyHandlers handlers = new ReplyHandlers();
    private final List<HistoryEntry> history = new ArrayList<>();
    private Instant clock = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void theLinesTheRepliesWriteTellTheSeatsTheNoticesAndThePerson() {
        history.add(new HistoryEntry(tick(), "removal-operations", "CASE_OPENED", null));
        line(in -> handlers.detaineeDescribedHandler(in), new DetaineeDescribed(CASE, PERSON, "AFG", "fa-AF",
                LocalDate.parse("2025-03-01"), "LA-JENA", CustodyStatus.IN_CUSTODY, true, UUID.randomUUID()));
        line(in -> handlers.seatBookedHandler(in), new SeatBooked(CASE, FIRST, "RFP1", "3C", DEPARTS, "AEX", List.of(),
                "PTY", UUID.randomUUID()));
        line(in -> handlers.notificationDeliveredHandler(in), new NotificationDelivered(CASE, UUID.randomUUID(),
                RecipientType.DETAINEE, TemplateKey.CASE_BOOKED, "prs", false, "<m1@mail>", clock, FIRST, UUID.randomUUID(), null));
        line(in -> handlers.flightCancelledHandler(in), new FlightCancelled(FIRST, "AIRCRAFT_UNAVAILABLE", List.of(CASE), clock, CASE));
        line(in -> handlers.seatBookedHandler(in), new SeatBooked(CASE, SECOND, "RFI2", "12A", DEPARTS.plusSeconds(86400),
                "AEX", List.of("DOH"), "IKA", UUID.randomUUID()));
        line(in -> handlers.notificationDeliveredHandler(in), new NotificationDelivered(CASE, UUID.randomUUID(),
                RecipientType.DETAINEE, TemplateKey.CASE_BOOKED, "en", true, "<m2@mail>", clock, SECOND, UUID.randomUUID(), null));
        line(in -> handlers.manifestLockedHandler(in), new ManifestLocked(SECOND, DEPARTS.plusSeconds(86400), List.of(CASE), CASE));
        line(in -> handlers.eligibilityAssessedHandler(in), new EligibilityAssessed(CASE, PERSON, "IRN",
                LocalDate.parse("2026-12-06"), EligibilityStage.FINAL, true, List.of(), UUID.randomUUID()));
        Instant boarded = clock.plusSeconds(60); // the time of the next line
        line(in -> handlers.passengerBoardedHandler(in), new PassengerBoarded(CASE, SECOND, clock));
        line(in -> handlers.flightDepartedHandler(in), new FlightDeparted(SECOND, clock, List.of(CASE), CASE));
        line(in -> handlers.flightArrivedHandler(in), new FlightArrived(SECOND, clock, List.of(CASE), CASE));
        line(in -> handlers.handoverConfirmedHandler(in), new HandoverConfirmed(CASE, SECOND, clock));

        CaseHistoryFacts facts = CaseHistoryFacts.of(file(new CaseFile.Seat(SECOND, "12A", "RFI2", DEPARTS.plusSeconds(86400),
                "AEX-DOH-IKA", history.get(5).at())));

        assertThat(facts.described()).hasValueSatisfying(d -> {
            assertThat(d.nationality()).isEqualTo("AFG");
            assertThat(d.language()).isEqualTo("fa-AF");
            assertThat(d.facility()).isEqualTo("LA-JENA");
            assertThat(d.counsel()).isTrue();
        });
        List<SeatSpan> seats = facts.seats();
        assertThat(seats).hasSize(2);
        assertThat(seats.get(0)).satisfies(s -> {
            assertThat(s.flightId()).isEqualTo(FIRST);
            assertThat(s.flightNumber()).isEqualTo("RFP1");
            assertThat(s.seat()).isEqualTo("3C");
            assertThat(s.route()).isEqualTo("AEX-PTY");
            assertThat(s.departureAt()).isEqualTo(DEPARTS);
            assertThat(s.releaseReason()).isEqualTo("FLIGHT_CANCELLED");
            assertThat(s.boardedAt()).isNull();
        });
        assertThat(seats.get(1)).satisfies(s -> {
            assertThat(s.flightId()).isEqualTo(SECOND);
            assertThat(s.route()).isEqualTo("AEX-DOH-IKA");
            assertThat(s.held()).isTrue();
            assertThat(s.boardedAt()).isEqualTo(boarded);
            assertThat(s.handedOverAt()).isNotNull();
        });
        assertThat(facts.deliveries()).extracting(CaseHistoryFacts.Delivery::recipient, CaseHistoryFacts.Delivery::locale,
                CaseHistoryFacts.Delivery::fallback, CaseHistoryFacts.Delivery::flightId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DETAINEE", "prs", false, FIRST),
                        org.assertj.core.groups.Tuple.tuple("DETAINEE", "en", true, SECOND));
        assertThat(facts.assessments()).singleElement().satisfies(a -> {
            assertThat(a.stage()).isEqualTo("FINAL");
            assertThat(a.onDate()).isEqualTo(LocalDate.parse("2026-12-06"));
        });
        assertThat(facts.flights().get(FIRST).cancelled()).isTrue();
        assertThat(facts.flights().get(SECOND)).satisfies(f -> {
            assertThat(f.locked()).isTrue();
            assertThat(f.departed()).isTrue();
            assertThat(f.arrived()).isTrue();
            assertThat(f.cancelled()).isFalse();
        });
    }

    @Test
    void aSeatTheRecordsHoldButTheHistoryMissedStillCountsAndALostOneEnds() {
        history.add(new HistoryEntry(tick(), "removal-operations", "CASE_OPENED", null));
        line(in -> handlers.seatBookedHandler(in), new SeatBooked(CASE, FIRST, "RFP1", "3C", DEPARTS, "AEX", List.of(),
                "PTY", UUID.randomUUID()));

        CaseHistoryFacts moved = CaseHistoryFacts.of(file(new CaseFile.Seat(SECOND, "7B", "RFI2", DEPARTS, "AEX-DOH-IKA", tick())));

        assertThat(moved.seats()).extracting(SeatSpan::flightId, SeatSpan::held, SeatSpan::releaseReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FIRST, false, "NO_LONGER_HELD"),
                        org.assertj.core.groups.Tuple.tuple(SECOND, true, null));
    }

    // ----

    private Instant tick() {
        clock = clock.plusSeconds(60);
        return clock;
    }

    /** The history line the handler writes for the message. */
    private <T extends Message> void line(Function<CaseInbox, MessageHandler<T>> handler, T message) {
        CaseInbox capturing = mock(CaseInbox.class);
        ArgumentCaptor<Reply> replies = ArgumentCaptor.forClass(Reply.class);
        handler.apply(capturing).handle(message, CONTEXT);
        verify(capturing, atLeastOnce()).accept(replies.capture(), any());
        Reply reply = replies.getValue();
        history.add(new HistoryEntry(tick(), CaseInbox.serviceOf(CONTEXT.source()), reply.kind(), reply.detail()));
    }

    private CaseFile file(CaseFile.Seat seat) {
        return new CaseFile(CASE, PERSON, CaseState.REMOVED, true, "LA-JENA", history.get(0).at(), null, null, null,
                List.of(), List.of(), List.of(), List.of(), seat, List.copyOf(history));
    }
}
