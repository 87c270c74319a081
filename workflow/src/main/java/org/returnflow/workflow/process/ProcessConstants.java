package org.returnflow.workflow.process;

import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.consent.ConsentDeclined;
import org.returnflow.contracts.consent.ConsentExpired;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.ConsentWithdrawn;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightRescheduled;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;
import org.returnflow.contracts.notification.SendNotification;

/**
 * Every name the BPMN/DMN models, the delegates, the message listeners, the forms and the case API
 * share, defined once. Message names are derived from the {@link MessageCatalog}, so a reply of type
 * {@code returnflow.flight.SeatBooked.v1} correlates to BPMN message {@code SeatBooked}.
 *
 * <p>Process variables hold ids, codes, dates and flags only: never a name or an address. None of
 * them is the safeguard state of the case: blockers, overrides, consent and the seat are records in
 * the workflow's own tables ({@code CaseSafeguards}), which the process reads at every decision.
 */
public final class ProcessConstants {

    private ProcessConstants() {
    }

    public static final String PROCESS_KEY = "removal-case";
    public static final String DECISION_KEY = "destination-requirements";
    /** The return of a person whose removal a court found wrong; business key: the remedy's id. */
    public static final String REMEDY_PROCESS_KEY = "return-facilitation";
    /** The supervisors' review of a monitor's SERIOUS finding about a case; business key: the caseId. */
    public static final String FINDING_REVIEW_PROCESS_KEY = "monitoring-finding-review";

    /** Variables. The business key is the caseId. */
    public static final class Var {
        private Var() {
        }

        public static final String CASE_ID = "caseId";
        /** return-facilitation: the remedy (its business key), the operator who owns its tasks, how often counsel hears. */
        public static final String REMEDY_ID = "remedyId";
        public static final String OWNER = "owner";
        /** An ISO 8601 repetition, R/P14D: a status report to counsel is due every this often. */
        public static final String REPORT_CYCLE = "reportCycle";
        /** An ISO 8601 duration, P3D: a status report not sent within it goes to the supervisors. */
        public static final String REPORT_GRACE = "reportGrace";
        /** monitoring-finding-review: the flight, the report and the finding (its id makes the review once), the code. */
        public static final String FLIGHT_ID = "flightId";
        public static final String REPORT_ID = "reportId";
        public static final String FINDING_ID = "findingId";
        public static final String MONITOR_ID = "monitorId";
        public static final String FINDING_CODE = "findingCode";
        public static final String DETAINEE_ID = "detaineeId";
        public static final String OPERATION_ID = "operationId";
        public static final String DESTINATION_COUNTRY = "destinationCountry";
        /** Set from DetaineeDescribed. */
        public static final String NATIONALITY = "nationality";
        public static final String PREFERRED_LANGUAGE = "preferredLanguage";
        public static final String DETAINED_SINCE = "detainedSince";
        public static final String FACILITY_CODE = "facilityCode";
        public static final String HAS_COUNSEL = "hasCounsel";
        /** DMN inputs/outputs; the outputs are also recorded (case_requirement) and read from there. */
        public static final String THIRD_COUNTRY = "thirdCountry";
        public static final String REQUIRES_CONSENT = "requiresConsent";
        public static final String NOTICE_HOURS = "noticeHours";
        public static final String REQUIRES_TRAVEL_DOCUMENT = "requiresTravelDocument";
        public static final String MAX_PER_FLIGHT = "maxPerFlight";
        public static final String REQUIREMENTS_RESULT = "requirementsResult";
        /** DMN outputs of the fear-claim window, recorded (case_requirement) and read from there by FearClaimWindow. */
        public static final String FEAR_CLAIM_WINDOW_HOURS = "fearClaimWindowHours";
        public static final String ASSURANCE_REFERENCE = "assuranceReference";
        /** The form fields of Legal review and Supervisor approval: the only variables their completion accepts. */
        public static final String REVIEW_DECISION = "decision";
        public static final String REVIEW_JUSTIFICATION = "justification";
        public static final String SUPERVISOR_DECISION = "supervisorDecision";
        /** The form field of Resolve the failed notice. */
        public static final String RESOLUTION = "resolution";
        /** Shown in the review forms and Cockpit: the standing blocker codes. A display of the records; no decision reads it. */
        public static final String BLOCKER_CODES = "blockerCodes";
        /** Shown in the approval form: who made the legal review. A display of the records; no decision reads it. */
        public static final String REVIEWER = "reviewer";
        /** Local input of the eligibility send and receive tasks: INITIAL or FINAL, so the two waits are distinct. */
        public static final String STAGE = "stage";
        /** The current CaseState, kept in step with CaseStateChanged events (for Cockpit). */
        public static final String STATE = "state";
        /** Why a case ended WITHDRAWN or a seat was released: an upper-case code. */
        public static final String REASON = "reason";
        /** Why the seat is released when compensation runs: LEGAL_HOLD_PLACED, CONSENT_WITHDRAWN, ... */
        public static final String RELEASE_REASON = "releaseReason";
        /** Set from a SeatReleased that no command of the case asked for: why flight struck the seat. */
        public static final String SEAT_STRUCK_REASON = "seatStruckReason";
        /** Where pre-departure resumes after an interruption: REVIEW, REEVALUATE, REBOOK, or BOARDED when done. */
        public static final String RESUME_AT = "resumeAt";
        /** Multi-instance element and local variable of each notice: DETAINEE, COUNSEL or CONSULATE. */
        public static final String RECIPIENT_TYPE = "recipientType";
        /** Input of the notice send tasks: CASE_BOOKED, CASE_WITHDRAWN, ... */
        public static final String TEMPLATE_KEY = "templateKey";
        /** The template of the current round of booking notices: CASE_BOOKED, or FLIGHT_CHANGED after a reschedule. */
        public static final String NOTICE_TEMPLATE = "noticeTemplate";
        /** Sends of a notice to one recipient in this round: notificationAttempts_&lt;RECIPIENT&gt;. */
        public static final String NOTIFICATION_ATTEMPTS = "notificationAttempts";
        /** Local, set from NotificationFailed: an upper-case code such as NO_CONSULATE_ADDRESS. */
        public static final String FAILURE_REASON = "failureReason";
        /** Set with an agency's withdrawal or suspension through the case API: the reason code it gave. */
        public static final String CONTROL_REASON = "controlReason";
        /** Overdue counters of the timers: overdue_&lt;element id&gt;[_&lt;recipientType&gt;]. */
        public static final String OVERDUE_PREFIX = "overdue_";
    }

    /** BPMN message names: exactly the contracts' message names, from the catalog. */
    public static final class Msg {
        private Msg() {
        }

        public static final String DETAINEE_DESCRIBED = name(DetaineeDescribed.class);
        public static final String DETAINEE_UNKNOWN = name(DetaineeUnknown.class);
        public static final String ELIGIBILITY_ASSESSED = name(EligibilityAssessed.class);
        public static final String LEGAL_HOLD_PLACED = name(LegalHoldPlaced.class);
        public static final String LEGAL_HOLD_LIFTED = name(LegalHoldLifted.class);
        public static final String CONSENT_GIVEN = name(ConsentGiven.class);
        public static final String CONSENT_DECLINED = name(ConsentDeclined.class);
        public static final String CONSENT_WITHDRAWN = name(ConsentWithdrawn.class);
        public static final String CONSENT_EXPIRED = name(ConsentExpired.class);
        public static final String SEAT_BOOKED = name(SeatBooked.class);
        public static final String SEAT_UNAVAILABLE = name(SeatUnavailable.class);
        public static final String SEAT_RELEASED = name(SeatReleased.class);
        public static final String FLIGHT_SCHEDULED = name(FlightScheduled.class);
        public static final String NOTIFICATION_DELIVERED = name(NotificationDelivered.class);
        public static final String NOTIFICATION_FAILED = name(NotificationFailed.class);
        public static final String MANIFEST_LOCKED = name(ManifestLocked.class);
        public static final String PASSENGER_BOARDED = name(PassengerBoarded.class);
        public static final String HANDOVER_CONFIRMED = name(HandoverConfirmed.class);
        public static final String FLIGHT_CANCELLED = name(FlightCancelled.class);
        public static final String FLIGHT_RESCHEDULED = name(FlightRescheduled.class);
        public static final String DETAINEE_REMOVED = name(DetaineeRemoved.class);

        // Messages of the workflow itself (not contracts): an agency's control of a case through the
        // case API, and the request to verify eligibility again.
        public static final String WITHDRAWAL_REQUESTED = "WithdrawalRequested";
        public static final String SUSPENSION_REQUESTED = "SuspensionRequested";
        public static final String RESUME_REQUESTED = "ResumeRequested";
        public static final String REVERIFICATION_REQUESTED = "ReverificationRequested";
    }

    /** The commands the process sends; each is a request the replies answer. */
    public static final class Command {
        private Command() {
        }

        public static final String DESCRIBE_DETAINEE = name(DescribeDetainee.class);
        public static final String ASSESS_ELIGIBILITY = name(AssessEligibility.class);
        public static final String REQUEST_CONSENT = name(RequestConsent.class);
        public static final String BOOK_SEAT = name(BookSeat.class);
        public static final String RELEASE_SEAT = name(ReleaseSeat.class);
        public static final String SEND_NOTIFICATION = name(SendNotification.class);
        public static final String RECORD_REMOVAL = name(RecordRemoval.class);
        public static final String RELEASE_FROM_OPERATION = name(ReleaseFromOperation.class);
    }

    /** User task ids, which the task-completion guard and the forms key on. */
    public static final class Task {
        private Task() {
        }

        public static final String LEGAL_REVIEW = "UserTask_LegalReview";
        public static final String SUPERVISOR_APPROVAL = "UserTask_SupervisorApproval";
        public static final String RESOLVE_NOTIFICATION = "UserTask_ResolveNotification";
    }

    /** Camunda groups (candidate groups of the user tasks). */
    public static final class Group {
        private Group() {
        }

        public static final String LEGAL_REVIEW = "legal-review";
        public static final String SUPERVISORS = "supervisors";
        public static final String OPERATORS = "operators";
    }

    /** The BPMN message or command name of a contract record. */
    public static String name(Class<? extends Message> type) {
        return MessageCatalog.byClass(type).name();
    }
}
