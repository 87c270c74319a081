package org.returnflow.workflow.messaging;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.contracts.flight.SeatReleased;

import java.time.Instant;
import java.time.LocalDate;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DetaineeDescribed;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What each reply means for the process: the request it must answer or the seat it must be about,
 * the fact it records, the message it correlates and the variables it sets. A unit test of the
 * mapping: the safeguard records are mocks here, the inbox and the records are tested on real
 * PostgreSQL in CorrelationInboxIT and StaleReplyIT.
 */
class ReplyHandlersTest {

    private static final UUID CASE = UUID.fromString("0b8f6a52-52a4-4d0e-9a4b-7c1f0d2e3a41");
    private static final MessageContext FROM_CONSENT = new MessageContext("ce-1", "returnflow.consent.ConsentGiven.v1",
            "/returnflow/consent-service", CASE.toString(), OffsetDateTime.now(), "consent.events", 0, 1);

    private static final UUID REQUEST = UUID.fromString("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a09");

    private final ReplyHandlers handlers = new ReplyHandlers();
    private final CaseRecords cases = mock(CaseRecords.class);
    private final CaseSafeguards records = mock(CaseSafeguards.class);
    private final CaseRequests requests = mock(CaseRequests.class);

    @Test
    void evidencedConsentMakesTheCaseVoluntary() {
        Reply reply = single(in -> handlers.consentGivenHandler(in), consent("officer-7", "fa", "ab".repeat(32)));

        assertThat(reply.messageName()).isEqualTo("ConsentGiven");
        assertThat(reply.correlate()).isTrue();
        assertThat(reply.answers()).isEqualTo("RequestConsent");
        assertThat(reply.requestId()).isEqualTo(REQUEST);
        assertThat(reply.variables()).as("consent is a record, not a variable").isEmpty();
        assertThat(reply.detail()).contains("officer-7", "fa", "interpreter none", "ab".repeat(32));
        reply.fact().record(records, requests, "ce-1");
        verify(records).consent(eq(CASE), any(), eq("GIVEN"), eq("officer-7"), eq("fa"), eq(null), eq("ab".repeat(32)),
                eq(REQUEST), eq("ce-1"));
    }

    @Test
    void consentWithoutOfficerLanguageOrEvidenceHashIsOnlyRecorded() {
        for (ConsentGiven unproven : List.of(consent(" ", "fa", "ab".repeat(32)), consent("officer-7", "", "ab".repeat(32)),
                consent("officer-7", "fa", "not-a-hash"))) {
            Reply reply = single(in -> handlers.consentGivenHandler(in), unproven);
            assertThat(reply.correlate()).isFalse();
            assertThat(reply.kind()).isEqualTo("CONSENT_REFUSED_WITHOUT_EVIDENCE");
            reply.fact().record(records, requests, "ce-1");
            verifyNoInteractions(records);
        }
    }

    @Test
    void aDescriptionRecordsTheFacilityTheCaseApiLimitsClientsBy() {
        Reply reply = single(in -> handlers.detaineeDescribedHandler(in, cases), new DetaineeDescribed(CASE,
                UUID.randomUUID(), "IRN", "fa", LocalDate.parse("2025-03-01"), "LA-PINE", CustodyStatus.IN_CUSTODY,
                false, REQUEST));

        assertThat(reply.variables()).containsEntry("facilityCode", "LA-PINE");
        reply.fact().record(records, requests, "ce-1");
        verify(cases).facilityDescribed(CASE, "LA-PINE");
    }

    @Test
    void anAssessmentAnswersItsRequestAtItsStageAndRecordsItsBlockers() {
        List<Blocker> blockers = List.of(new Blocker(BlockerCode.VALID_RESIDENCE_PERMIT, UUID.randomUUID()));
        Reply reply = single(in -> handlers.eligibilityAssessedHandler(in), new EligibilityAssessed(CASE, UUID.randomUUID(),
                "IRN", LocalDate.parse("2026-12-05"), EligibilityStage.FINAL, false, blockers, REQUEST));

        assertThat(reply.answers()).isEqualTo("AssessEligibility");
        assertThat(reply.localMatch()).containsExactlyEntriesOf(java.util.Map.of("stage", "FINAL"));
        assertThat(reply.variables()).isEmpty();
        assertThat(reply.detail()).isEqualTo("FINAL assessment for IRN on 2026-12-05: blocked by VALID_RESIDENCE_PERMIT");
        reply.fact().record(records, requests, "ce-1");
        verify(records).assessed(CASE, REQUEST, "ce-1", blockers);
    }

    @Test
    void aBookedSeatIsRecordedNotSetAsVariables() {
        UUID flight = UUID.randomUUID();
        Reply reply = single(in -> handlers.seatBookedHandler(in), new SeatBooked(CASE, flight, "RF101", "12A",
                Instant.parse("2026-12-05T08:00:00Z"), "AEX", List.of("DOH"), "IKA", REQUEST));

        assertThat(reply.answers()).isEqualTo("BookSeat");
        assertThat(reply.variables()).isEmpty();
        reply.fact().record(records, requests, "ce-1");
        verify(records).seatBooked(CASE, new CaseSafeguards.Seat(flight, "12A", "RF101",
                Instant.parse("2026-12-05T08:00:00Z"), "AEX", List.of("DOH"), "IKA"), REQUEST);
    }

    @Test
    void aDeliveryAnswersItsRecipientsRequestAndRecordsWhenItArrived() {
        Reply reply = single(in -> handlers.notificationDeliveredHandler(in), new NotificationDelivered(CASE,
                UUID.randomUUID(), RecipientType.CONSULATE, TemplateKey.CASE_BOOKED, "en", false, "<m@x>",
                Instant.parse("2026-11-20T09:00:00Z"), UUID.randomUUID(), REQUEST, null));

        assertThat(reply.answers()).isEqualTo("SendNotification");
        assertThat(reply.localMatch()).containsExactlyEntriesOf(java.util.Map.of("recipientType", "CONSULATE"));
        assertThat(reply.variables()).isEmpty();
        reply.fact().record(records, requests, "ce-1");
        verify(requests).delivered(REQUEST, Instant.parse("2026-11-20T09:00:00Z"));
    }

    @Test
    void onlyEachCasesOwnCopyOfAFlightLevelEventReachesIt() {
        UUID flight = UUID.randomUUID();
        all(in -> handlers.manifestLockedHandler(in), new ManifestLocked(flight, Instant.now(), List.of(CASE), null), 0);
        Reply locked = single(in -> handlers.manifestLockedHandler(in),
                new ManifestLocked(flight, Instant.now(), List.of(CASE), CASE));
        assertThat(locked.caseId()).isEqualTo(CASE);
        assertThat(locked.seatFlightId()).as("only while the case's seat is on that flight").isEqualTo(flight);

        Reply cancelled = single(in -> handlers.flightCancelledHandler(in),
                new FlightCancelled(flight, "AIRCRAFT_UNAVAILABLE", List.of(CASE), Instant.now(), CASE));
        cancelled.fact().record(records, requests, "ce-1");
        verify(records).seatGone(CASE, flight);
        verify(requests).supersede(CASE, "BookSeat", "flight " + flight + " cancelled");
    }

    @Test
    void aReleaseNoCommandAskedForTakesTheCaseOffTheFlight() {
        UUID flight = UUID.randomUUID();
        when(requests.standing(CASE, null, "ReleaseSeat")).thenReturn(CaseRequests.Standing.NO_REQUEST);
        Reply struck = single(in -> handlers.seatReleasedHandler(in, requests),
                new SeatReleased(CASE, flight, "12A", "NOT_BOARDED", Instant.now(), null));
        assertThat(struck.correlate()).isTrue();
        assertThat(struck.seatFlightId()).isEqualTo(flight);
        assertThat(struck.variables()).containsEntry("seatStruckReason", "NOT_BOARDED");

        when(requests.standing(CASE, REQUEST, "ReleaseSeat")).thenReturn(CaseRequests.Standing.CURRENT);
        Reply asked = single(in -> handlers.seatReleasedHandler(in, requests),
                new SeatReleased(CASE, flight, "12A", "LEGAL_HOLD_PLACED", Instant.now(), REQUEST));
        assertThat(asked.correlate()).as("a release the case asked for only confirms it").isFalse();
    }

    @Test
    void aHoldWithoutACaseGoesToThePersonsOpenCaseOrNowhere() {
        UUID person = UUID.randomUUID();
        when(cases.openCaseOf(person)).thenReturn(Optional.of(CASE));
        Reply reply = single(in -> handlers.legalHoldPlacedHandler(in, cases),
                new LegalHoldPlaced(null, person, UUID.randomUUID(), Instant.now()));
        assertThat(reply.caseId()).isEqualTo(CASE);

        UUID nobody = UUID.randomUUID();
        when(cases.openCaseOf(nobody)).thenReturn(Optional.empty());
        all(in -> handlers.legalHoldPlacedHandler(in, cases),
                new LegalHoldPlaced(null, nobody, UUID.randomUUID(), Instant.now()), 0);
    }

    @Test
    void historyKindsAreTheMessageNamesInUpperCase() {
        assertThat(Reply.kindOf("SeatBooked")).isEqualTo("SEAT_BOOKED");
        assertThat(Reply.kindOf("DetaineeReleasedFromOperation")).isEqualTo("DETAINEE_RELEASED_FROM_OPERATION");
        assertThat(CaseInbox.serviceOf("/returnflow/flight-service")).isEqualTo("flight-service");
        assertThat(CaseInbox.serviceOf(null)).isEqualTo("unknown");
    }

    // ----

    private <T extends Message> Reply single(Function<CaseInbox, MessageHandler<T>> handler, T message) {
        return all(handler, message, 1).get(0);
    }

    /** Builds the handler on a capturing inbox, hands it the message and returns the replies it produced. */
    private <T extends Message> List<Reply> all(Function<CaseInbox, MessageHandler<T>> handler, T message, int n) {
        CaseInbox capturing = mock(CaseInbox.class);
        ArgumentCaptor<Reply> replies = ArgumentCaptor.forClass(Reply.class);
        handler.apply(capturing).handle(message, FROM_CONSENT);
        verify(capturing, times(n)).accept(replies.capture(), eq(FROM_CONSENT));
        return replies.getAllValues();
    }

    private static ConsentGiven consent(String officer, String language, String evidence) {
        return new ConsentGiven(CASE, UUID.randomUUID(), UUID.randomUUID(), officer, language, null, evidence,
                Instant.now(), 200, false, REQUEST);
    }
}
