package org.returnflow.workflow.process;

/**
 * The names the BPMN/DMN models, the delegates, the message listeners and the case API share.
 * Message names are the contracts' message names ({@code MessageDescriptor.name()}), so a reply
 * of type {@code returnflow.flight.SeatBooked.v1} correlates to BPMN message {@code SeatBooked}.
 *
 * <p>Process variables hold ids, codes, dates and flags only: never a name or an address.
 */
public final class ProcessConstants {

    private ProcessConstants() {
    }

    public static final String PROCESS_KEY = "removal-case";
    public static final String DECISION_KEY = "destination-requirements";

    /** Variables. The business key is the caseId. */
    public static final class Var {
        private Var() {
        }

        public static final String CASE_ID = "caseId";
        public static final String DETAINEE_ID = "detaineeId";
        public static final String OPERATION_ID = "operationId";
        public static final String DESTINATION_COUNTRY = "destinationCountry";
        /** Set from DetaineeDescribed. */
        public static final String NATIONALITY = "nationality";
        public static final String PREFERRED_LANGUAGE = "preferredLanguage";
        public static final String DETAINED_SINCE = "detainedSince";
        public static final String FACILITY_CODE = "facilityCode";
        public static final String HAS_COUNSEL = "hasCounsel";
        /** DMN inputs/outputs. */
        public static final String THIRD_COUNTRY = "thirdCountry";
        public static final String REQUIRES_CONSENT = "requiresConsent";
        public static final String NOTICE_HOURS = "noticeHours";
        public static final String REQUIRES_TRAVEL_DOCUMENT = "requiresTravelDocument";
        public static final String MAX_PER_FLIGHT = "maxPerFlight";
        /** Set from EligibilityAssessed: a boolean and a JSON list of {code, detail}. */
        public static final String ELIGIBLE = "eligible";
        public static final String BLOCKERS = "blockers";
        /** Legal review and supervisor approval (four eyes). */
        public static final String REVIEW_DECISION = "decision";
        public static final String REVIEW_JUSTIFICATION = "justification";
        public static final String REVIEWER = "reviewer";
        public static final String SUPERVISOR_DECISION = "supervisorDecision";
        public static final String SUPERVISOR = "supervisor";
        /** Consent. */
        public static final String CONSENT_ID = "consentId";
        public static final String VOLUNTARY = "voluntary";
        /** Seat, set from SeatBooked. */
        public static final String FLIGHT_ID = "flightId";
        public static final String SEAT = "seat";
        public static final String DEPARTURE_AT = "departureAt";
        /** The current CaseState, kept in step with CaseStateChanged events. */
        public static final String STATE = "state";
        /** Why a case ended WITHDRAWN or a seat was released: an upper-case code. */
        public static final String REASON = "reason";
    }

    /** BPMN message names: exactly the contracts' message names. */
    public static final class Msg {
        private Msg() {
        }

        public static final String DETAINEE_DESCRIBED = "DetaineeDescribed";
        public static final String DETAINEE_UNKNOWN = "DetaineeUnknown";
        public static final String ELIGIBILITY_ASSESSED = "EligibilityAssessed";
        public static final String LEGAL_HOLD_PLACED = "LegalHoldPlaced";
        public static final String LEGAL_HOLD_LIFTED = "LegalHoldLifted";
        public static final String CONSENT_GIVEN = "ConsentGiven";
        public static final String CONSENT_DECLINED = "ConsentDeclined";
        public static final String CONSENT_WITHDRAWN = "ConsentWithdrawn";
        public static final String CONSENT_EXPIRED = "ConsentExpired";
        public static final String SEAT_BOOKED = "SeatBooked";
        public static final String SEAT_UNAVAILABLE = "SeatUnavailable";
        public static final String FLIGHT_SCHEDULED = "FlightScheduled";
        public static final String NOTIFICATION_DELIVERED = "NotificationDelivered";
        public static final String NOTIFICATION_FAILED = "NotificationFailed";
        public static final String MANIFEST_LOCKED = "ManifestLocked";
        public static final String PASSENGER_BOARDED = "PassengerBoarded";
        public static final String HANDOVER_CONFIRMED = "HandoverConfirmed";
        public static final String FLIGHT_CANCELLED = "FlightCancelled";
        public static final String DETAINEE_REMOVED = "DetaineeRemoved";
    }

    /** Camunda groups (candidate groups of the user tasks). */
    public static final class Group {
        private Group() {
        }

        public static final String LEGAL_REVIEW = "legal-review";
        public static final String SUPERVISORS = "supervisors";
        public static final String OPERATORS = "operators";
    }
}
