package org.returnflow.workflow.messaging;

import org.returnflow.contracts.Message;
import org.returnflow.contracts.consent.ConsentDeclined;
import org.returnflow.contracts.consent.ConsentExpired;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.ConsentRequested;
import org.returnflow.contracts.consent.ConsentWithdrawn;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeRecordChanged;
import org.returnflow.contracts.detention.DetaineeReleasedFromOperation;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
import org.returnflow.contracts.flight.FlightRescheduled;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;
import org.returnflow.platform.messaging.MessageHandler;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.ConsentEvidence;
import org.returnflow.workflow.process.ProcessConstants;
import org.returnflow.workflow.process.ProcessConstants.Command;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each consumed event means for the cases: whether it stands, the safeguard fact it records,
 * the BPMN message it correlates and the history line it adds. The whole mapping is on this page.
 *
 * <table>
 *   <tr><th>message</th><th>stands while</th><th>records</th><th>correlates</th></tr>
 *   <tr><td>DetaineeDescribed, DetaineeUnknown</td><td>it answers the newest DescribeDetainee</td><td>–</td>
 *       <td>by caseId; sets nationality, preferredLanguage, detainedSince, facilityCode, hasCounsel</td></tr>
 *   <tr><td>EligibilityAssessed</td><td>it answers the newest AssessEligibility</td><td>its blockers replace the case's</td>
 *       <td>by caseId, to the wait of its stage (INITIAL or FINAL)</td></tr>
 *   <tr><td>LegalHoldPlaced</td><td>always</td><td>an ACTIVE_LEGAL_HOLD blocker, at once</td><td>by caseId, else the person's open case</td></tr>
 *   <tr><td>DetaineeRecordChanged</td><td>always</td><td>–</td><td>a change that may block: ReverificationRequested (eligibility is assessed again at once); else history only</td></tr>
 *   <tr><td>LegalHoldLifted</td><td>always</td><td>– (a fresh assessment clears the hold)</td><td>by caseId, else the person's open case</td></tr>
 *   <tr><td>ConsentGiven</td><td>it answers the newest RequestConsent and names officer, language and an evidence hash (S3)</td><td>consent GIVEN</td><td>by caseId</td></tr>
 *   <tr><td>ConsentDeclined, ConsentExpired</td><td>it answers the newest RequestConsent</td><td>consent DECLINED, EXPIRED</td><td>by caseId</td></tr>
 *   <tr><td>ConsentWithdrawn</td><td>it withdraws the consent that stands</td><td>consent WITHDRAWN</td><td>by caseId</td></tr>
 *   <tr><td>SeatBooked, SeatUnavailable</td><td>it answers the newest BookSeat</td><td>the seat</td><td>by caseId</td></tr>
 *   <tr><td>SeatReleased answering a ReleaseSeat</td><td>always</td><td>the seat is gone</td><td>history only</td></tr>
 *   <tr><td>SeatReleased no command asked for (a no-show)</td><td>the case holds that seat</td><td>the seat is gone</td><td>by caseId; sets seatStruckReason</td></tr>
 *   <tr><td>FlightCancelled (the case's copy)</td><td>the case holds a seat on the flight, or waits for a booking</td><td>the seat is gone, the booking superseded</td><td>by caseId</td></tr>
 *   <tr><td>ManifestLocked, PassengerBoarded, HandoverConfirmed</td><td>the case holds a seat on the flight</td><td>a lock: the seat's manifest is locked</td><td>by caseId</td></tr>
 *   <tr><td>FlightRescheduled (the case's copy)</td><td>the case holds a seat on the flight</td><td>the seat's new departure</td><td>by caseId: notify again, check the window</td></tr>
 *   <tr><td>NotificationDelivered, NotificationFailed</td><td>it answers the newest SendNotification to that recipient</td><td>the delivery time (S4)</td><td>by caseId and local recipientType</td></tr>
 *   <tr><td>FlightScheduled</td><td colspan="3">every instance waiting for it whose destinationCountry is the flight's ({@link FlightScheduledHandler})</td></tr>
 *   <tr><td>ConsentRequested, FlightDeparted, FlightArrived, DetaineeRemoved, DetaineeReleasedFromOperation</td><td colspan="3">history only</td></tr>
 * </table>
 *
 * A reply that does not stand is a {@code STALE_REPLY} in the case history and changes nothing.
 * Flight-level events (no caseId) are for partners: each affected case gets its own copy.
 */
@Configuration(proxyBeanMethods = false)
class ReplyHandlers {

    // ---- detention ----

    @Bean
    MessageHandler<DetaineeDescribed> detaineeDescribedHandler(CaseInbox inbox, CaseRecords cases) {
        return one(DetaineeDescribed.class, inbox, m -> Reply.to(Msg.DETAINEE_DESCRIBED, m.caseId())
                .answering(Command.DESCRIBE_DETAINEE, m.requestId())
                // the case API's object level (facilities claim) reads the facility from removal_case
                .recording((records, requests, messageId) -> cases.facilityDescribed(m.caseId(), m.facilityCode()))
                .set(Var.NATIONALITY, m.nationality())
                .set(Var.PREFERRED_LANGUAGE, m.preferredLanguage())
                .set(Var.DETAINED_SINCE, m.detainedSince().toString())
                .set(Var.FACILITY_CODE, m.facilityCode())
                .set(Var.HAS_COUNSEL, m.hasCounsel())
                .detail("nationality " + m.nationality() + ", language " + m.preferredLanguage() + ", facility "
                        + m.facilityCode() + ", " + m.custodyStatus() + ", detained since " + m.detainedSince()
                        + (m.hasCounsel() ? ", counsel of record" : ", no counsel of record")));
    }

    @Bean
    MessageHandler<DetaineeUnknown> detaineeUnknownHandler(CaseInbox inbox) {
        return one(DetaineeUnknown.class, inbox, m -> Reply.to(Msg.DETAINEE_UNKNOWN, m.caseId())
                .answering(Command.DESCRIBE_DETAINEE, m.requestId())
                .detail("detention does not know detainee " + m.detaineeId()));
    }

    @Bean
    MessageHandler<EligibilityAssessed> eligibilityAssessedHandler(CaseInbox inbox) {
        return one(EligibilityAssessed.class, inbox, m -> Reply.to(Msg.ELIGIBILITY_ASSESSED, m.caseId())
                .answering(Command.ASSESS_ELIGIBILITY, m.requestId())
                // The INITIAL and the FINAL check are distinct waits.
                .whereLocal(Var.STAGE, m.stage().name())
                .recording((records, requests, messageId) -> records.assessed(m.caseId(), m.requestId(), messageId,
                        m.blockers()))
                .detail(m.stage() + " assessment for " + m.destinationCountry() + " on " + m.onDate() + ": "
                        + (m.eligible() ? "eligible" : "blocked by " + m.blockers().stream()
                        .map(b -> b.code().name()).collect(Collectors.joining(", ")))));
    }

    @Bean
    MessageHandler<LegalHoldPlaced> legalHoldPlacedHandler(CaseInbox inbox, CaseRecords cases) {
        return new ReplyHandler<>(LegalHoldPlaced.class, m -> caseOf(m.caseId(), m.detaineeId(), cases).stream()
                .map(caseId -> Reply.to(Msg.LEGAL_HOLD_PLACED, caseId)
                        .recording((records, requests, messageId) -> records.holdPlaced(caseId, messageId,
                                "hold " + m.holdId() + " placed at " + m.placedAt()))
                        .detail("hold " + m.holdId() + " placed at " + m.placedAt()))
                .toList(), inbox);
    }

    @Bean
    MessageHandler<LegalHoldLifted> legalHoldLiftedHandler(CaseInbox inbox, CaseRecords cases) {
        return new ReplyHandler<>(LegalHoldLifted.class, m -> caseOf(m.caseId(), m.detaineeId(), cases).stream()
                .map(caseId -> Reply.to(Msg.LEGAL_HOLD_LIFTED, caseId)
                        .detail("hold " + m.holdId() + " lifted at " + m.liftedAt()))
                .toList(), inbox);
    }

    @Bean
    MessageHandler<DetaineeRemoved> detaineeRemovedHandler(CaseInbox inbox) {
        return one(DetaineeRemoved.class, inbox, m -> Reply.to(Msg.DETAINEE_REMOVED, m.caseId())
                .answering(Command.RECORD_REMOVAL, m.requestId())
                .detail("removed on flight " + m.flightId() + " at " + m.removedAt()));
    }

    @Bean
    MessageHandler<DetaineeReleasedFromOperation> detaineeReleasedFromOperationHandler(CaseInbox inbox) {
        return one(DetaineeReleasedFromOperation.class, inbox,
                m -> Reply.to(ProcessConstants.name(DetaineeReleasedFromOperation.class), m.caseId())
                        .answering(Command.RELEASE_FROM_OPERATION, m.requestId())
                        .detail("released from the operation: " + m.reasonCode()));
    }

    /**
     * A record of the person changed. A change that may create a blocker (custody released, a permit
     * added, a document invalidated, a transfer, ...) makes the case verify its eligibility at once;
     * any other change (an order made final, a document added) is history, and a reviewer's RECHECK
     * takes it up.
     */
    @Bean
    MessageHandler<DetaineeRecordChanged> detaineeRecordChangedHandler(CaseInbox inbox, CaseRecords cases) {
        return new ReplyHandler<>(DetaineeRecordChanged.class, m -> caseOf(m.caseId(), m.detaineeId(), cases).stream()
                .map(caseId -> {
                    String detail = m.change() + (m.reasonCode() == null ? "" : " (" + m.reasonCode() + ")") + " at "
                            + m.changedAt() + (m.mayBlock() ? "; verifying eligibility again" : "");
                    return m.mayBlock()
                            ? Reply.to(Msg.REVERIFICATION_REQUESTED, caseId).detail(detail)
                            : Reply.historyOnly(ProcessConstants.name(DetaineeRecordChanged.class), caseId,
                                    "DETAINEE_RECORD_CHANGED").detail(detail);
                })
                .toList(), inbox);
    }

    // ---- consent ----

    @Bean
    MessageHandler<ConsentRequested> consentRequestedHandler(CaseInbox inbox) {
        return one(ConsentRequested.class, inbox, m -> Reply.to(ProcessConstants.name(ConsentRequested.class), m.caseId())
                .detail("consent " + m.consentId() + " requested in " + m.preferredLanguage() + ", due by " + m.dueBy()));
    }

    /** S3: only a decision that {@link ConsentEvidence} accepts makes a case voluntary. */
    @Bean
    MessageHandler<ConsentGiven> consentGivenHandler(CaseInbox inbox) {
        return one(ConsentGiven.class, inbox, m -> {
            if (!ConsentEvidence.sufficient(m)) {
                return Reply.historyOnly(Msg.CONSENT_GIVEN, m.caseId(), "CONSENT_REFUSED_WITHOUT_EVIDENCE")
                        .detail(ConsentEvidence.describe(m));
            }
            return Reply.to(Msg.CONSENT_GIVEN, m.caseId())
                    .answering(Command.REQUEST_CONSENT, m.requestId())
                    .recording((records, requests, messageId) -> records.consent(m.caseId(), m.consentId(), "GIVEN",
                            m.officer(), m.language(), m.interpreter(), m.evidenceSha256(), m.requestId(), messageId))
                    .detail(ConsentEvidence.describe(m) + (m.reviewRequired() ? ", review required" : ""));
        });
    }

    @Bean
    MessageHandler<ConsentDeclined> consentDeclinedHandler(CaseInbox inbox) {
        return one(ConsentDeclined.class, inbox, m -> Reply.to(Msg.CONSENT_DECLINED, m.caseId())
                .answering(Command.REQUEST_CONSENT, m.requestId())
                .recording((records, requests, messageId) -> records.consent(m.caseId(), m.consentId(), "DECLINED",
                        m.officer(), null, null, null, m.requestId(), messageId))
                .detail("consent " + m.consentId() + " declined, recorded by officer " + m.officer()));
    }

    @Bean
    MessageHandler<ConsentExpired> consentExpiredHandler(CaseInbox inbox) {
        return one(ConsentExpired.class, inbox, m -> Reply.to(Msg.CONSENT_EXPIRED, m.caseId())
                .answering(Command.REQUEST_CONSENT, m.requestId())
                .recording((records, requests, messageId) -> records.consent(m.caseId(), m.consentId(), "EXPIRED",
                        null, null, null, null, m.requestId(), messageId))
                .detail("consent " + m.consentId() + " expired at " + m.expiredAt()));
    }

    /** Withdrawn consent is honoured until departure (S3), if it is the consent that stands. */
    @Bean
    MessageHandler<ConsentWithdrawn> consentWithdrawnHandler(CaseInbox inbox) {
        return one(ConsentWithdrawn.class, inbox, m -> Reply.to(Msg.CONSENT_WITHDRAWN, m.caseId())
                .standsIf((records, requests) -> records.consent(m.caseId())
                        .filter(c -> c.voluntary() && m.consentId().equals(c.consentId())).isPresent()
                        ? null : "consent " + m.consentId() + " is not the consent given for the case")
                .recording((records, requests, messageId) -> records.consent(m.caseId(), m.consentId(), "WITHDRAWN",
                        null, null, null, null, m.requestId(), messageId))
                .detail("consent " + m.consentId() + " withdrawn at " + m.withdrawnAt()));
    }

    // ---- flight ----

    @Bean
    MessageHandler<SeatBooked> seatBookedHandler(CaseInbox inbox) {
        return one(SeatBooked.class, inbox, m -> Reply.to(Msg.SEAT_BOOKED, m.caseId())
                .answering(Command.BOOK_SEAT, m.requestId())
                .recording((records, requests, messageId) -> records.seatBooked(m.caseId(), new CaseSafeguards.Seat(
                        m.flightId(), m.seat(), m.flightNumber(), m.departureAt(), m.departureAirport(),
                        m.stopoverAirports(), m.arrivalAirport()), m.requestId()))
                .detail("seat " + m.seat() + " on " + m.flightNumber() + " (flight " + m.flightId() + ") "
                        + route(m) + ", departing " + m.departureAt()));
    }

    @Bean
    MessageHandler<SeatUnavailable> seatUnavailableHandler(CaseInbox inbox) {
        return one(SeatUnavailable.class, inbox, m -> Reply.to(Msg.SEAT_UNAVAILABLE, m.caseId())
                .answering(Command.BOOK_SEAT, m.requestId())
                .detail("no seat to " + m.destinationCountry() + " departing from " + m.notBefore()));
    }

    /**
     * A release the case asked for only confirms what the case already gave up. A release no command
     * of the case asked for (flight struck a no-show at departure, or an agency offloaded the person)
     * takes the case off the flight's wait at once, if it is the seat the case holds.
     */
    @Bean
    MessageHandler<SeatReleased> seatReleasedHandler(CaseInbox inbox, CaseRequests caseRequests) {
        return one(SeatReleased.class, inbox, m -> {
            Reply.Fact seatGone = (records, requests, messageId) -> {
                if (records.seatGone(m.caseId(), m.flightId())) {
                    requests.supersede(m.caseId(), Command.BOOK_SEAT, "seat struck: " + m.reason());
                    requests.supersedeNoticesAbout(m.caseId(), m.flightId(), Command.SEND_NOTIFICATION,
                            "seat struck: " + m.reason());
                }
            };
            String detail = "seat " + m.seat() + " on flight " + m.flightId() + " released: " + m.reason();
            CaseRequests.Standing asked = caseRequests.standing(m.caseId(), m.requestId(), Command.RELEASE_SEAT);
            if (asked != CaseRequests.Standing.NO_REQUEST && asked != CaseRequests.Standing.UNKNOWN_REQUEST) {
                return Reply.historyOnly(Msg.SEAT_RELEASED, m.caseId(), "SEAT_RELEASED").recording(seatGone).detail(detail);
            }
            return Reply.to(Msg.SEAT_RELEASED, m.caseId())
                    .aboutSeatOn(m.flightId())
                    .set(Var.SEAT_STRUCK_REASON, m.reason())
                    .recording(seatGone)
                    .detail(detail + " (no command of the case asked for it)");
        });
    }

    @Bean
    MessageHandler<ManifestLocked> manifestLockedHandler(CaseInbox inbox) {
        return caseCopy(ManifestLocked.class, ManifestLocked::caseId, inbox, m -> Reply.to(Msg.MANIFEST_LOCKED, m.caseId())
                .aboutSeatOn(m.flightId())
                .recording((records, requests, messageId) -> records.manifestLocked(m.caseId(), m.flightId()))
                .detail("manifest of flight " + m.flightId() + " locked for departure at " + m.departureAt()));
    }

    /** The case's seat is gone with its flight; a booking still unanswered can only be on that flight. */
    @Bean
    MessageHandler<FlightCancelled> flightCancelledHandler(CaseInbox inbox) {
        return caseCopy(FlightCancelled.class, FlightCancelled::caseId, inbox, m -> Reply.to(Msg.FLIGHT_CANCELLED, m.caseId())
                .standsIf((records, requests) -> records.seat(m.caseId()).map(s -> s.flightId().equals(m.flightId()))
                        .orElse(false) || requests.awaiting(m.caseId(), Command.BOOK_SEAT)
                        ? null : "the case holds no seat on flight " + m.flightId() + " and awaits no booking")
                .recording((records, requests, messageId) -> {
                    records.seatGone(m.caseId(), m.flightId());
                    requests.supersede(m.caseId(), Command.BOOK_SEAT, "flight " + m.flightId() + " cancelled");
                    requests.supersedeNoticesAbout(m.caseId(), m.flightId(), Command.SEND_NOTIFICATION,
                            "flight " + m.flightId() + " cancelled");
                })
                .detail("flight " + m.flightId() + " cancelled: " + m.reason()));
    }

    /**
     * The seat's flight leaves at another time: the seat departs then, and the case tells everyone
     * again and measures the notice window against the new time (S4).
     */
    @Bean
    MessageHandler<FlightRescheduled> flightRescheduledHandler(CaseInbox inbox) {
        return caseCopy(FlightRescheduled.class, FlightRescheduled::caseId, inbox, m -> Reply.to(Msg.FLIGHT_RESCHEDULED, m.caseId())
                .aboutSeatOn(m.flightId())
                .recording((records, requests, messageId) -> records.departureChanged(m.caseId(), m.flightId(), m.departureAt()))
                .detail("flight " + m.flightId() + " rescheduled from " + m.previousDepartureAt() + " to " + m.departureAt()
                        + ": " + m.reason()));
    }

    @Bean
    MessageHandler<FlightDeparted> flightDepartedHandler(CaseInbox inbox) {
        return caseCopy(FlightDeparted.class, FlightDeparted::caseId, inbox,
                m -> Reply.to(ProcessConstants.name(FlightDeparted.class), m.caseId())
                        .detail("flight " + m.flightId() + " departed at " + m.departedAt()));
    }

    @Bean
    MessageHandler<FlightArrived> flightArrivedHandler(CaseInbox inbox) {
        return caseCopy(FlightArrived.class, FlightArrived::caseId, inbox,
                m -> Reply.to(ProcessConstants.name(FlightArrived.class), m.caseId())
                        .detail("flight " + m.flightId() + " arrived at " + m.arrivedAt()));
    }

    @Bean
    MessageHandler<PassengerBoarded> passengerBoardedHandler(CaseInbox inbox) {
        return one(PassengerBoarded.class, inbox, m -> Reply.to(Msg.PASSENGER_BOARDED, m.caseId())
                .aboutSeatOn(m.flightId())
                .detail("boarded flight " + m.flightId() + " at " + m.boardedAt()));
    }

    @Bean
    MessageHandler<HandoverConfirmed> handoverConfirmedHandler(CaseInbox inbox) {
        return one(HandoverConfirmed.class, inbox, m -> Reply.to(Msg.HANDOVER_CONFIRMED, m.caseId())
                .aboutSeatOn(m.flightId())
                .detail("handed over from flight " + m.flightId() + " at " + m.handedOverAt()));
    }

    // ---- notification ----

    @Bean
    MessageHandler<NotificationDelivered> notificationDeliveredHandler(CaseInbox inbox) {
        return one(NotificationDelivered.class, inbox, m -> Reply.to(Msg.NOTIFICATION_DELIVERED, m.caseId())
                .answering(Command.SEND_NOTIFICATION, m.requestId())
                .whereLocal(Var.RECIPIENT_TYPE, m.recipientType().name())
                .recording((records, requests, messageId) -> requests.delivered(m.requestId(), m.deliveredAt()))
                .detail(m.templateKey() + " notice " + m.notificationId() + " delivered to " + m.recipientType()
                        + " in " + m.locale() + (m.fallbackLocale() ? " (fallback locale)" : "") + " at "
                        + m.deliveredAt() + (m.flightId() == null ? "" : " about flight " + m.flightId())));
    }

    @Bean
    MessageHandler<NotificationFailed> notificationFailedHandler(CaseInbox inbox) {
        return one(NotificationFailed.class, inbox, m -> Reply.to(Msg.NOTIFICATION_FAILED, m.caseId())
                .answering(Command.SEND_NOTIFICATION, m.requestId())
                .whereLocal(Var.RECIPIENT_TYPE, m.recipientType().name())
                .setLocal(Var.FAILURE_REASON, m.reason())
                .detail(m.templateKey() + " notice " + m.notificationId() + " to " + m.recipientType()
                        + " failed: " + m.reason()));
    }

    // ----

    private static <T extends Message> MessageHandler<T> one(Class<T> type, CaseInbox inbox, Function<T, Reply> reply) {
        return new ReplyHandler<>(type, m -> List.of(reply.apply(m)), inbox);
    }

    /**
     * A flight-level event reaches a case as its own copy, keyed by the caseId, in order with the
     * case's other messages; the flight-level event itself (no caseId) is for partners.
     */
    private static <T extends Message> MessageHandler<T> caseCopy(Class<T> type, Function<T, UUID> caseId,
                                                                   CaseInbox inbox, Function<T, Reply> reply) {
        return new ReplyHandler<>(type, m -> caseId.apply(m) == null ? List.of() : List.of(reply.apply(m)), inbox);
    }

    /** The case a hold is about: the one it names, else the person's open case, else none. */
    private static List<UUID> caseOf(UUID caseId, UUID detaineeId, CaseRecords cases) {
        if (caseId != null) {
            return List.of(caseId);
        }
        return cases.openCaseOf(detaineeId).stream().toList();
    }

    private static String route(SeatBooked m) {
        return m.departureAirport() + (m.stopoverAirports().isEmpty() ? "" : "-" + String.join("-", m.stopoverAirports()))
                + "-" + m.arrivalAirport();
    }
}
