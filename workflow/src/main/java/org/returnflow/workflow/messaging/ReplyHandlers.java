package org.returnflow.workflow.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.consent.ConsentDeclined;
import org.returnflow.contracts.consent.ConsentExpired;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.ConsentRequested;
import org.returnflow.contracts.consent.ConsentWithdrawn;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeReleasedFromOperation;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
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
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each reply and event means for a case: which BPMN message it correlates (by business key =
 * caseId) and which process variables it sets. The whole mapping is on this page.
 *
 * <table>
 *   <tr><th>message</th><th>correlates</th><th>sets</th></tr>
 *   <tr><td>DetaineeDescribed</td><td>by caseId</td><td>nationality, preferredLanguage, detainedSince (ISO date), facilityCode, hasCounsel</td></tr>
 *   <tr><td>DetaineeUnknown</td><td>by caseId</td><td>–</td></tr>
 *   <tr><td>EligibilityAssessed</td><td>by caseId</td><td>eligible, blockers (JSON [{code, detail}])</td></tr>
 *   <tr><td>LegalHoldPlaced, LegalHoldLifted</td><td>by caseId, else the person's open case</td><td>–</td></tr>
 *   <tr><td>ConsentGiven</td><td>by caseId, only with officer, language and evidence hash (S3)</td><td>consentId, voluntary=true</td></tr>
 *   <tr><td>ConsentDeclined, ConsentExpired, ConsentWithdrawn</td><td>by caseId</td><td>consentId, voluntary=false</td></tr>
 *   <tr><td>SeatBooked</td><td>by caseId</td><td>flightId, seat, departureAt (ISO instant), flightNumber, departureAirport, stopoverAirports (comma-separated), arrivalAirport</td></tr>
 *   <tr><td>SeatUnavailable</td><td>by caseId</td><td>–</td></tr>
 *   <tr><td>NotificationDelivered, NotificationFailed</td><td>by caseId and local recipientType</td><td>local deliveredAt / failureReason</td></tr>
 *   <tr><td>ManifestLocked, FlightCancelled, FlightDeparted</td><td>each listed caseId</td><td>–</td></tr>
 *   <tr><td>PassengerBoarded, HandoverConfirmed, DetaineeRemoved</td><td>by caseId</td><td>–</td></tr>
 *   <tr><td>FlightScheduled</td><td>every instance waiting for it with the same destinationCountry ({@link FlightScheduledHandler})</td><td>–</td></tr>
 *   <tr><td>ConsentRequested, SeatReleased, FlightArrived, DetaineeReleasedFromOperation</td><td>history only, unless a model declares the message</td><td>–</td></tr>
 * </table>
 *
 * Every one of them adds a line to the case's history, with the sending service as the actor.
 */
@Configuration(proxyBeanMethods = false)
class ReplyHandlers {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");

    // ---- detention ----

    @Bean
    MessageHandler<DetaineeDescribed> detaineeDescribedHandler(CaseInbox inbox) {
        return one(DetaineeDescribed.class, inbox, m -> Reply.to(Msg.DETAINEE_DESCRIBED, m.caseId())
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
                .detail("detention does not know detainee " + m.detaineeId()));
    }

    @Bean
    MessageHandler<EligibilityAssessed> eligibilityAssessedHandler(CaseInbox inbox) {
        return one(EligibilityAssessed.class, inbox, m -> Reply.to(Msg.ELIGIBILITY_ASSESSED, m.caseId())
                .set(Var.ELIGIBLE, m.eligible())
                .set(Var.BLOCKERS, json(m.blockers()))
                .detail(m.stage() + " assessment for " + m.destinationCountry() + " on " + m.onDate() + ": "
                        + (m.eligible() ? "eligible" : "blocked by " + m.blockers().stream()
                        .map(b -> b.code().name()).collect(Collectors.joining(", ")))));
    }

    @Bean
    MessageHandler<LegalHoldPlaced> legalHoldPlacedHandler(CaseInbox inbox, CaseRecords cases) {
        return new ReplyHandler<>(LegalHoldPlaced.class, m -> caseOf(m.caseId(), m.detaineeId(), cases).stream()
                .map(caseId -> Reply.to(Msg.LEGAL_HOLD_PLACED, caseId)
                        .detail(m.kind() + " hold " + m.holdId() + " placed at " + m.placedAt()))
                .toList(), inbox);
    }

    @Bean
    MessageHandler<LegalHoldLifted> legalHoldLiftedHandler(CaseInbox inbox, CaseRecords cases) {
        return new ReplyHandler<>(LegalHoldLifted.class, m -> caseOf(m.caseId(), m.detaineeId(), cases).stream()
                .map(caseId -> Reply.to(Msg.LEGAL_HOLD_LIFTED, caseId)
                        .detail(m.kind() + " hold " + m.holdId() + " lifted at " + m.liftedAt()))
                .toList(), inbox);
    }

    @Bean
    MessageHandler<DetaineeRemoved> detaineeRemovedHandler(CaseInbox inbox) {
        return one(DetaineeRemoved.class, inbox, m -> Reply.to(Msg.DETAINEE_REMOVED, m.caseId())
                .detail("removed on flight " + m.flightId() + " at " + m.removedAt()));
    }

    @Bean
    MessageHandler<DetaineeReleasedFromOperation> detaineeReleasedFromOperationHandler(CaseInbox inbox) {
        return one(DetaineeReleasedFromOperation.class, inbox,
                m -> Reply.to("DetaineeReleasedFromOperation", m.caseId())
                        .detail("released from the operation: " + m.reasonCode()));
    }

    // ---- consent ----

    @Bean
    MessageHandler<ConsentRequested> consentRequestedHandler(CaseInbox inbox) {
        return one(ConsentRequested.class, inbox, m -> Reply.to("ConsentRequested", m.caseId())
                .detail("consent " + m.consentId() + " requested in " + m.preferredLanguage() + ", due by " + m.dueBy()));
    }

    /** S3: only a decision naming the officer and the language, on hashed evidence, makes a case voluntary. */
    @Bean
    MessageHandler<ConsentGiven> consentGivenHandler(CaseInbox inbox) {
        return one(ConsentGiven.class, inbox, m -> {
            String evidence = "consent " + m.consentId() + " recorded by officer " + m.officer() + " in "
                    + m.language() + ", interpreter " + (m.interpreter() == null ? "none" : m.interpreter())
                    + ", evidence sha256 " + m.evidenceSha256();
            if (m.officer().isBlank() || m.language().isBlank() || !SHA_256.matcher(m.evidenceSha256()).matches()) {
                return Reply.historyOnly(Msg.CONSENT_GIVEN, m.caseId(), "CONSENT_REFUSED_WITHOUT_EVIDENCE")
                        .detail(evidence);
            }
            return Reply.to(Msg.CONSENT_GIVEN, m.caseId())
                    .set(Var.CONSENT_ID, m.consentId().toString())
                    .set(Var.VOLUNTARY, true)
                    .detail(evidence + (m.reviewRequired() ? ", review required" : ""));
        });
    }

    @Bean
    MessageHandler<ConsentDeclined> consentDeclinedHandler(CaseInbox inbox) {
        return one(ConsentDeclined.class, inbox, m -> Reply.to(Msg.CONSENT_DECLINED, m.caseId())
                .set(Var.CONSENT_ID, m.consentId().toString())
                .set(Var.VOLUNTARY, false)
                .detail("consent " + m.consentId() + " declined, recorded by officer " + m.officer()));
    }

    @Bean
    MessageHandler<ConsentExpired> consentExpiredHandler(CaseInbox inbox) {
        return one(ConsentExpired.class, inbox, m -> Reply.to(Msg.CONSENT_EXPIRED, m.caseId())
                .set(Var.CONSENT_ID, m.consentId().toString())
                .set(Var.VOLUNTARY, false)
                .detail("consent " + m.consentId() + " expired at " + m.expiredAt()));
    }

    @Bean
    MessageHandler<ConsentWithdrawn> consentWithdrawnHandler(CaseInbox inbox) {
        return one(ConsentWithdrawn.class, inbox, m -> Reply.to(Msg.CONSENT_WITHDRAWN, m.caseId())
                .set(Var.CONSENT_ID, m.consentId().toString())
                .set(Var.VOLUNTARY, false)
                .detail("consent " + m.consentId() + " withdrawn at " + m.withdrawnAt()));
    }

    // ---- flight ----

    @Bean
    MessageHandler<SeatBooked> seatBookedHandler(CaseInbox inbox) {
        return one(SeatBooked.class, inbox, m -> Reply.to(Msg.SEAT_BOOKED, m.caseId())
                .set(Var.FLIGHT_ID, m.flightId().toString())
                .set(Var.SEAT, m.seat())
                .set(Var.DEPARTURE_AT, m.departureAt().toString())
                .set(ReplyVariables.FLIGHT_NUMBER, m.flightNumber())
                .set(ReplyVariables.DEPARTURE_AIRPORT, m.departureAirport())
                .set(ReplyVariables.STOPOVER_AIRPORTS, String.join(",", m.stopoverAirports()))
                .set(ReplyVariables.ARRIVAL_AIRPORT, m.arrivalAirport())
                .detail("seat " + m.seat() + " on " + m.flightNumber() + " (flight " + m.flightId() + ") "
                        + route(m) + ", departing " + m.departureAt()));
    }

    @Bean
    MessageHandler<SeatUnavailable> seatUnavailableHandler(CaseInbox inbox) {
        return one(SeatUnavailable.class, inbox, m -> Reply.to(Msg.SEAT_UNAVAILABLE, m.caseId())
                .detail("no seat to " + m.destinationCountry() + " departing from " + m.notBefore()));
    }

    @Bean
    MessageHandler<SeatReleased> seatReleasedHandler(CaseInbox inbox, CaseRecords cases) {
        return one(SeatReleased.class, inbox, m -> {
            cases.seatGone(m.caseId(), m.flightId());
            return Reply.to("SeatReleased", m.caseId())
                    .detail("seat " + m.seat() + " on flight " + m.flightId() + " released: " + m.reason());
        });
    }

    @Bean
    MessageHandler<ManifestLocked> manifestLockedHandler(CaseInbox inbox) {
        return new ReplyHandler<>(ManifestLocked.class, m -> m.caseIds().stream()
                .map(caseId -> Reply.to(Msg.MANIFEST_LOCKED, caseId)
                        .detail("manifest of flight " + m.flightId() + " locked for departure at " + m.departureAt()))
                .toList(), inbox);
    }

    @Bean
    MessageHandler<FlightCancelled> flightCancelledHandler(CaseInbox inbox, CaseRecords cases) {
        return new ReplyHandler<>(FlightCancelled.class, m -> m.caseIds().stream()
                .map(caseId -> {
                    cases.seatGone(caseId, m.flightId());
                    return Reply.to(Msg.FLIGHT_CANCELLED, caseId)
                            .detail("flight " + m.flightId() + " cancelled: " + m.reason());
                })
                .toList(), inbox);
    }

    @Bean
    MessageHandler<FlightDeparted> flightDepartedHandler(CaseInbox inbox) {
        return new ReplyHandler<>(FlightDeparted.class, m -> m.caseIds().stream()
                .map(caseId -> Reply.to("FlightDeparted", caseId)
                        .detail("flight " + m.flightId() + " departed at " + m.departedAt()))
                .toList(), inbox);
    }

    @Bean
    MessageHandler<FlightArrived> flightArrivedHandler(CaseInbox inbox) {
        return new ReplyHandler<>(FlightArrived.class, m -> m.caseIds().stream()
                .map(caseId -> Reply.to("FlightArrived", caseId)
                        .detail("flight " + m.flightId() + " arrived at " + m.arrivedAt()))
                .toList(), inbox);
    }

    @Bean
    MessageHandler<PassengerBoarded> passengerBoardedHandler(CaseInbox inbox) {
        return one(PassengerBoarded.class, inbox, m -> Reply.to(Msg.PASSENGER_BOARDED, m.caseId())
                .detail("boarded flight " + m.flightId() + " at " + m.boardedAt()));
    }

    @Bean
    MessageHandler<HandoverConfirmed> handoverConfirmedHandler(CaseInbox inbox) {
        return one(HandoverConfirmed.class, inbox, m -> Reply.to(Msg.HANDOVER_CONFIRMED, m.caseId())
                .detail("handed over from flight " + m.flightId() + " at " + m.handedOverAt()));
    }

    // ---- notification ----

    @Bean
    MessageHandler<NotificationDelivered> notificationDeliveredHandler(CaseInbox inbox) {
        return one(NotificationDelivered.class, inbox, m -> Reply.to(Msg.NOTIFICATION_DELIVERED, m.caseId())
                .whereLocal(ReplyVariables.RECIPIENT_TYPE, m.recipientType().name())
                .setLocal(ReplyVariables.DELIVERED_AT, m.deliveredAt().toString())
                .detail(m.templateKey() + " notice " + m.notificationId() + " delivered to " + m.recipientType()
                        + " in " + m.locale() + (m.fallbackLocale() ? " (fallback locale)" : "") + " at "
                        + m.deliveredAt()));
    }

    @Bean
    MessageHandler<NotificationFailed> notificationFailedHandler(CaseInbox inbox) {
        return one(NotificationFailed.class, inbox, m -> Reply.to(Msg.NOTIFICATION_FAILED, m.caseId())
                .whereLocal(ReplyVariables.RECIPIENT_TYPE, m.recipientType().name())
                .setLocal(ReplyVariables.FAILURE_REASON, m.reason())
                .detail(m.templateKey() + " notice " + m.notificationId() + " to " + m.recipientType()
                        + " failed: " + m.reason()));
    }

    // ----

    private static <T extends org.returnflow.contracts.Message> MessageHandler<T> one(
            Class<T> type, CaseInbox inbox, Function<T, Reply> reply) {
        return new ReplyHandler<>(type, m -> List.of(reply.apply(m)), inbox);
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

    static String json(List<Blocker> blockers) {
        try {
            return ContractJson.mapper().writeValueAsString(blockers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Blockers are not JSON", e);
        }
    }
}
