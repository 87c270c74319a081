package org.returnflow.workflow.messaging;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldKind;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** What each reply means for the process: the message it correlates and the variables it sets. */
class ReplyHandlersTest {

    private static final UUID CASE = UUID.fromString("0b8f6a52-52a4-4d0e-9a4b-7c1f0d2e3a41");
    private static final MessageContext FROM_CONSENT = new MessageContext("ce-1", "returnflow.consent.ConsentGiven.v1",
            "/returnflow/consent-service", CASE.toString(), OffsetDateTime.now(), "consent.events", 0, 1);

    private final ReplyHandlers handlers = new ReplyHandlers();
    private final CaseRecords cases = mock(CaseRecords.class);

    @Test
    void evidencedConsentMakesTheCaseVoluntary() {
        Reply reply = single(in -> handlers.consentGivenHandler(in), consent("officer-7", "fa", "ab".repeat(32)));

        assertThat(reply.messageName()).isEqualTo("ConsentGiven");
        assertThat(reply.correlate()).isTrue();
        assertThat(reply.variables()).containsEntry("voluntary", true).containsKey("consentId");
        assertThat(reply.detail()).contains("officer-7", "fa", "interpreter none", "ab".repeat(32));
    }

    @Test
    void consentWithoutOfficerLanguageOrEvidenceHashIsOnlyRecorded() {
        for (ConsentGiven unproven : List.of(consent(" ", "fa", "ab".repeat(32)), consent("officer-7", "", "ab".repeat(32)),
                consent("officer-7", "fa", "not-a-hash"))) {
            Reply reply = single(in -> handlers.consentGivenHandler(in), unproven);
            assertThat(reply.correlate()).isFalse();
            assertThat(reply.kind()).isEqualTo("CONSENT_REFUSED_WITHOUT_EVIDENCE");
            assertThat(reply.variables()).doesNotContainKey("voluntary");
        }
    }

    @Test
    void eligibilitySetsTheFlagAndTheBlockersAsJson() {
        Reply reply = single(in -> handlers.eligibilityAssessedHandler(in), new EligibilityAssessed(CASE, UUID.randomUUID(),
                "IRN", LocalDate.parse("2026-12-05"), EligibilityStage.INITIAL, false,
                List.of(new Blocker(BlockerCode.VALID_RESIDENCE_PERMIT, "permit valid until 2027-01-31"))));

        assertThat(reply.variables()).containsEntry("eligible", false).containsEntry("blockers",
                "[{\"code\":\"VALID_RESIDENCE_PERMIT\",\"detail\":\"permit valid until 2027-01-31\"}]");
        assertThat(reply.detail()).isEqualTo("INITIAL assessment for IRN on 2026-12-05: blocked by VALID_RESIDENCE_PERMIT");
    }

    @Test
    void aBookedSeatSetsTheFlightAsStrings() {
        UUID flight = UUID.randomUUID();
        Reply reply = single(in -> handlers.seatBookedHandler(in), new SeatBooked(CASE, flight, "RF101", "12A",
                Instant.parse("2026-12-05T08:00:00Z"), "AEX", List.of("DOH"), "IKA"));

        assertThat(reply.variables()).containsEntry("flightId", flight.toString()).containsEntry("seat", "12A")
                .containsEntry("departureAt", "2026-12-05T08:00:00Z").containsEntry("flightNumber", "RF101")
                .containsEntry("departureAirport", "AEX").containsEntry("stopoverAirports", "DOH")
                .containsEntry("arrivalAirport", "IKA");
    }

    @Test
    void aDeliveryCorrelatesToItsRecipientsWaitOnly() {
        Reply reply = single(in -> handlers.notificationDeliveredHandler(in), new NotificationDelivered(CASE,
                UUID.randomUUID(), RecipientType.CONSULATE, TemplateKey.CASE_BOOKED, "en", false, "<m@x>",
                Instant.parse("2026-11-20T09:00:00Z")));

        assertThat(reply.localMatch()).containsExactlyEntriesOf(java.util.Map.of("recipientType", "CONSULATE"));
        assertThat(reply.localVariables()).containsEntry("deliveredAt", "2026-11-20T09:00:00Z");
        assertThat(reply.variables()).isEmpty();
    }

    @Test
    void flightLevelEventsReachEachListedCase() {
        UUID other = UUID.randomUUID();
        UUID flight = UUID.randomUUID();
        List<Reply> locked = all(in -> handlers.manifestLockedHandler(in),
                new ManifestLocked(flight, Instant.now(), List.of(CASE, other)), 2);
        assertThat(locked).extracting(Reply::caseId).containsExactly(CASE, other);
        assertThat(locked).extracting(Reply::messageName).containsOnly("ManifestLocked");

        all(in -> handlers.flightCancelledHandler(in, cases),
                new FlightCancelled(flight, "AIRCRAFT_UNAVAILABLE", List.of(CASE), Instant.now()), 1);
        verify(cases).seatGone(CASE, flight);
    }

    @Test
    void aHoldWithoutACaseGoesToThePersonsOpenCaseOrNowhere() {
        UUID person = UUID.randomUUID();
        when(cases.openCaseOf(person)).thenReturn(Optional.of(CASE));
        Reply reply = single(in -> handlers.legalHoldPlacedHandler(in, cases),
                new LegalHoldPlaced(null, person, UUID.randomUUID(), LegalHoldKind.APPEAL, Instant.now()));
        assertThat(reply.caseId()).isEqualTo(CASE);

        UUID nobody = UUID.randomUUID();
        when(cases.openCaseOf(nobody)).thenReturn(Optional.empty());
        all(in -> handlers.legalHoldPlacedHandler(in, cases),
                new LegalHoldPlaced(null, nobody, UUID.randomUUID(), LegalHoldKind.APPEAL, Instant.now()), 0);
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
                Instant.now(), 200, false);
    }
}
