package org.returnflow.workflow.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * Every path of {@code removal-case}, on a real PostgreSQL engine. The services are played by
 * correlating their replies exactly as the workflow's message listeners do (business key = caseId,
 * message name = the contract's name); what the process sends is captured from its adapters.
 */
@Deployment(resources = {"bpmn/removal-case.bpmn", "dmn/destination-requirements.dmn", "forms/legal-review.form",
        "forms/supervisor-approval.form", "forms/resolve-notification.form"})
class RemovalCaseProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
            .builder(TestEngine.withCoverage("removal_case_process"))
            .assertClassCoverageAtLeast(0.9)
            .build();

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Instant DEPARTURE = Instant.parse("2026-12-05T06:00:00Z");

    ProcessEngine processEngine;
    CapturingOutbox outbox;
    CapturingJournal journal;
    ProcessTimers timers;
    String caseId;
    ProcessInstance instance;

    @BeforeEach
    void setUp() {
        processEngine = engine.getProcessEngine();
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        outbox = new CapturingOutbox();
        journal = new CapturingJournal();
        timers = new ProcessTimers();
        CaseStates caseStates = new CaseStates(journal);
        Mocks.register("timers", timers);
        Mocks.register("caseStates", caseStates);
        Mocks.register("destinationRequirements", new DestinationRequirements());
        Mocks.register("blockerRules", new BlockerRules(caseStates));
        Mocks.register("notice", new NoticePlan());
        Mocks.register("replyOverdue", new ReplyOverdueListener(timers, caseStates));
        Mocks.register("legalReviewDecision", new LegalReviewDecision(journal));
        Mocks.register("supervisorApproval", new SupervisorApproval(journal));
        Mocks.register("describeDetaineeAdapter", new DescribeDetaineeAdapter(outbox));
        Mocks.register("assessEligibilityAdapter", new AssessEligibilityAdapter(outbox));
        Mocks.register("requestConsentAdapter", new RequestConsentAdapter(outbox, timers));
        Mocks.register("bookSeatAdapter", new BookSeatAdapter(outbox));
        Mocks.register("releaseSeatAdapter", new ReleaseSeatAdapter(outbox, journal));
        Mocks.register("sendNotificationAdapter", new SendNotificationAdapter(outbox));
        Mocks.register("releaseFromOperationAdapter", new ReleaseFromOperationAdapter(outbox));
        Mocks.register("recordRemovalAdapter", new RecordRemovalAdapter(outbox));
    }

    @AfterEach
    void tearDown() {
        processEngine.getIdentityService().clearAuthentication();
        ClockUtil.reset();
        Mocks.reset();
    }

    // ---------------------------------------------------------------- paths

    @Test
    void eligibleAndConsentingPersonIsRemoved() {
        start("IRN");
        assertThat(outbox.last(DescribeDetainee.class).caseId()).hasToString(caseId);
        describe("IRN", "fa", true);
        assertThat(vars()).containsEntry(Var.REQUIRES_CONSENT, false).containsEntry(Var.NOTICE_HOURS, 72)
                .containsEntry(Var.MAX_PER_FLIGHT, 120).containsEntry(Var.THIRD_COUNTRY, false);

        AssessEligibility initial = outbox.last(AssessEligibility.class);
        assertThat(initial.stage()).isEqualTo(EligibilityStage.INITIAL);
        assertThat(initial.onDate()).isEqualTo(LocalDate.parse("2026-12-04"));
        assessed();

        RequestConsent request = outbox.last(RequestConsent.class);
        assertThat(request.preferredLanguage()).isEqualTo("fa");
        assertThat(request.dueBy()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        consentGiven();
        assertThat(vars()).containsEntry(Var.VOLUNTARY, true);

        BookSeat booking = outbox.last(BookSeat.class);
        assertThat(booking.notBefore()).isEqualTo(NOW.plus(Duration.ofHours(72)));
        assertThat(booking.maxPerFlight()).isEqualTo(120);
        UUID flightId = seatBooked(DEPARTURE);

        List<SendNotification> notices = outbox.all(SendNotification.class);
        assertThat(notices).extracting(SendNotification::recipientType)
                .containsExactlyInAnyOrder(RecipientType.DETAINEE, RecipientType.COUNSEL, RecipientType.CONSULATE);
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.address()).isNull();
            assertThat(n.templateKey()).isEqualTo(TemplateKey.CASE_BOOKED);
            assertThat(n.flightId()).isEqualTo(flightId);
            assertThat(n.data()).containsEntry("departureAt", DEPARTURE.toString()).containsEntry("arrivalAirport", "IKA");
        });
        assertThat(locales(notices)).containsEntry(RecipientType.DETAINEE, "fa").containsEntry(RecipientType.COUNSEL, "en")
                .containsEntry(RecipientType.CONSULATE, "fa");
        assertThat(notices.stream().filter(n -> n.recipientType() == RecipientType.CONSULATE).findFirst().orElseThrow().country())
                .isEqualTo("IRN");

        deliverAll(NOW.plus(Duration.ofHours(1)));
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock");
        assertThat(vars()).containsEntry(Var.STATE, "NOTIFIED");

        manifestLocked();
        AssessEligibility last = outbox.last(AssessEligibility.class);
        assertThat(last.stage()).isEqualTo(EligibilityStage.FINAL);
        assertThat(last.onDate()).isEqualTo(LocalDate.parse("2026-12-05"));
        assessed();
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForBoarding");

        correlate(Msg.PASSENGER_BOARDED, Map.of());
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForHandover");
        correlate(Msg.HANDOVER_CONFIRMED, Map.of());

        assertThat(outbox.last(RecordRemoval.class).flightId()).isEqualTo(flightId);
        assertThat(instance).isEnded().hasPassed("EndEvent_CaseRemoved");
        assertThat(journal.states()).containsExactly("OPEN", "ELIGIBILITY_CHECK", "AWAITING_CONSENT", "AWAITING_SEAT",
                "BOOKED", "NOTIFIED", "BOARDED", "REMOVED");
        assertThat(outbox.all(ReleaseSeat.class)).isEmpty();
    }

    @Test
    void validResidencePermitNeedsReviewAndApprovalFromAnotherUser() {
        toReview("VALID_RESIDENCE_PERMIT");
        assertThat(vars()).containsEntry(Var.STATE, "LEGAL_REVIEW").containsEntry(BlockerRules.BLOCKER_CODES, "VALID_RESIDENCE_PERMIT");
        assertThat(task()).hasCandidateGroup("legal-review");

        assertThatThrownBy(() -> complete(null, List.of(), review("PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("authenticated user");
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), Map.of(Var.REVIEW_DECISION, "PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("justification");
        complete("reviewer1", List.of("legal-review"), review("PROCEED"));

        assertThat(instance).isWaitingAt("UserTask_SupervisorApproval");
        assertThat(task()).hasCandidateGroup("supervisors");
        assertThat(outbox.all(BookSeat.class)).as("S2: no seat before the approval").isEmpty();

        // four eyes: the reviewer may not approve, even as a member of supervisors
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review", "supervisors"), approval("APPROVE")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("Four eyes");
        assertThatThrownBy(() -> complete("reviewer2", List.of("legal-review"), approval("APPROVE")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("supervisors");
        assertThat(instance).isWaitingAt("UserTask_SupervisorApproval");

        complete("supervisor1", List.of("supervisors"), approval("APPROVE"));
        assertThat(vars()).containsEntry(Var.REVIEWER, "reviewer1").containsEntry(Var.SUPERVISOR, "supervisor1")
                .containsEntry(BlockerRules.OVERRIDDEN, "VALID_RESIDENCE_PERMIT");
        assertThat(journal.of("LEGAL_REVIEW_DECIDED")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("reviewer1");
            assertThat(e.detail()).contains("decision=PROCEED", "VALID_RESIDENCE_PERMIT", "justification=");
        });
        assertThat(journal.of("SUPERVISOR_DECIDED")).singleElement().extracting(CapturingJournal.Entry::actor).isEqualTo("supervisor1");

        consentGiven();
        seatBooked(DEPARTURE);
        deliverAll(NOW);
        manifestLocked();
        // the overridden permit does not offload at the final check
        assessed("VALID_RESIDENCE_PERMIT");
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForBoarding");
    }

    @Test
    void supervisorMayRejectBackToReview() {
        toReview("UNACCOMPANIED_MINOR");
        complete("reviewer1", List.of("legal-review"), review("PROCEED"));
        complete("supervisor1", List.of("supervisors"), approval("REJECT"));
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(outbox.all(BookSeat.class)).isEmpty();
    }

    @Test
    void neverOverridableBlockerRefusesProceedUntilTheHoldIsLifted() {
        toReview("ACTIVE_LEGAL_HOLD");
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), review("PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("ACTIVE_LEGAL_HOLD");
        assertThat(instance).isWaitingAt("UserTask_LegalReview");

        // RECHECK assesses again
        complete("reviewer1", List.of("legal-review"), review("RECHECK"));
        assertThat(outbox.all(AssessEligibility.class)).hasSize(2);
        assessed("ACTIVE_LEGAL_HOLD");
        assertThat(instance).isWaitingAt("UserTask_LegalReview");

        // a lifted hold assesses again without waiting for the reviewer
        correlate(Msg.LEGAL_HOLD_LIFTED, Map.of());
        assertThat(outbox.all(AssessEligibility.class)).hasSize(3);
        assessed();
        assertThat(instance).isWaitingAt("Gateway_ConsentReply");
    }

    @Test
    void blockedCaseWithdrawnByReview() {
        toReview("NO_FINAL_ORDER");
        complete("reviewer2", List.of("legal-review"), review("WITHDRAW"));

        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("LEGAL_REVIEW_WITHDRAWN");
        List<SendNotification> notices = outbox.all(SendNotification.class);
        assertThat(notices).extracting(SendNotification::recipientType)
                .containsExactlyInAnyOrder(RecipientType.DETAINEE, RecipientType.COUNSEL);
        assertThat(notices).allSatisfy(n -> assertThat(n.templateKey()).isEqualTo(TemplateKey.CASE_WITHDRAWN));
        assertThat(instance).isEnded().hasPassed("EndEvent_CaseWithdrawn");
        assertThat(journal.states()).endsWith("LEGAL_REVIEW", "WITHDRAWN");
        assertThat(journal.of("STATE_WITHDRAWN").get(0).detail()).isEqualTo("reason=LEGAL_REVIEW_WITHDRAWN");
    }

    @Test
    void thirdCountryConsentDeclinedIsWithdrawn() {
        start("PAN");
        describe("AFG", "ps", false);
        assertThat(vars()).containsEntry(Var.REQUIRES_CONSENT, true).containsEntry(Var.NOTICE_HOURS, 120)
                .containsEntry(Var.THIRD_COUNTRY, true);
        assessed();
        correlate(Msg.CONSENT_DECLINED, Map.of(Var.VOLUNTARY, false));

        assertThat(outbox.all(BookSeat.class)).isEmpty();
        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("CONSENT_DECLINED");
        assertThat(outbox.all(SendNotification.class)).extracting(SendNotification::recipientType)
                .containsExactly(RecipientType.DETAINEE);
        assertThat(outbox.last(SendNotification.class).locale()).isEqualTo("ps");
        assertThat(instance).isEnded().hasPassed("EndEvent_WithdrawnForConsent", "EndEvent_CaseWithdrawn");
    }

    @Test
    void expiredConsentWhereRequiredIsWithdrawn() {
        start("PAN");
        describe("IND", "hi", false);
        assessed();
        correlate(Msg.CONSENT_EXPIRED, Map.of(Var.VOLUNTARY, false));
        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("CONSENT_EXPIRED");
        assertThat(instance).isEnded();
    }

    @Test
    void unansweredConsentWhereNotRequiredContinuesNonVoluntary() {
        toConsent("IRN");
        fireTimer("Timer_ConsentTimeout");
        assertThat(vars()).containsEntry(Var.VOLUNTARY, false);
        assertThat(outbox.all(BookSeat.class)).hasSize(1);
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
    }

    @Test
    void seatUnavailableRetriesWhenAFlightIsScheduled() {
        toSeat();
        correlate(Msg.SEAT_UNAVAILABLE, Map.of());
        assertThat(instance).isWaitingAt("Gateway_WaitForFlight");
        assertThat(journal.of("SEAT_UNAVAILABLE")).hasSize(1);

        // FlightScheduled goes to every case waiting for a flight to that country
        processEngine.getRuntimeService().createMessageCorrelation(Msg.FLIGHT_SCHEDULED)
                .processInstanceVariableEquals(Var.DESTINATION_COUNTRY, "IRN").correlateAll();
        runJobs();
        assertThat(outbox.all(BookSeat.class)).hasSize(2);

        correlate(Msg.SEAT_UNAVAILABLE, Map.of());
        fireTimer("Timer_SeatRetry");
        assertThat(outbox.all(BookSeat.class)).hasSize(3);
        seatBooked(DEPARTURE);
        assertThat(vars()).containsEntry(Var.STATE, "BOOKED");
    }

    @Test
    void holdPlacedAfterBookingReleasesTheSeatAndGoesToReview() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);
        assertThat(outbox.all(ReleaseSeat.class)).isEmpty();

        correlate(Msg.LEGAL_HOLD_PLACED, Map.of());

        assertThat(outbox.all(ReleaseSeat.class)).singleElement().extracting(ReleaseSeat::reason).isEqualTo("LEGAL_HOLD_PLACED");
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(vars()).containsEntry(Var.STATE, "LEGAL_REVIEW").doesNotContainKey(Var.FLIGHT_ID);
        assertThat(journal.of("SEAT_RELEASED")).singleElement().extracting(CapturingJournal.Entry::detail).asString()
                .contains("reason=LEGAL_HOLD_PLACED");
        // S1: nobody proceeds past an active hold
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), review("PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("ACTIVE_LEGAL_HOLD");
    }

    @Test
    void holdPlacedBeforeBookingReleasesNothing() {
        toConsent("IRN");
        correlate(Msg.LEGAL_HOLD_PLACED, Map.of());
        assertThat(outbox.all(ReleaseSeat.class)).isEmpty();
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
    }

    @Test
    void consentWithdrawnReleasesTheSeatAndRebooksNonVoluntary() {
        toSeat();
        seatBooked(DEPARTURE);

        correlate(Msg.CONSENT_WITHDRAWN, Map.of());

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(vars()).containsEntry(Var.VOLUNTARY, false);
        assertThat(outbox.all(BookSeat.class)).as("not required for IRN: rebooked, non-voluntary").hasSize(2);
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
    }

    @Test
    void consentWithdrawnWhereRequiredWithdrawsTheCase() {
        start("PAN");
        describe("AFG", "fa", true);
        assessed();
        consentGiven();
        seatBooked(DEPARTURE.plus(Duration.ofDays(3)));

        correlate(Msg.CONSENT_WITHDRAWN, Map.of());

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(instance).isEnded().hasPassed("EndEvent_CaseWithdrawn");
    }

    @Test
    void cancelledFlightIsRebookedWithoutReleasingTheSeat() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);

        correlate(Msg.FLIGHT_CANCELLED, Map.of());

        assertThat(outbox.all(ReleaseSeat.class)).as("the flight already struck the seat").isEmpty();
        assertThat(outbox.all(BookSeat.class)).hasSize(2);
        assertThat(vars()).doesNotContainKey(Var.FLIGHT_ID).containsEntry(Var.STATE, "AWAITING_SEAT");
        seatBooked(DEPARTURE.plus(Duration.ofDays(2)));
        assertThat(outbox.all(SendNotification.class)).as("everyone is told of the new flight").hasSize(6);
    }

    @Test
    void blockedAtManifestLockIsOffloadedAndReviewed() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);
        manifestLocked();

        assessed("PROPERTY_NOT_RECONCILED");

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("OFFLOADED_PROPERTY_NOT_RECONCILED");
        assertThat(journal.of("OFFLOADED")).hasSize(1);
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(vars()).containsEntry(Var.STATE, "LEGAL_REVIEW");
    }

    @Test
    void noticeWindowViolatedReleasesTheSeatAndBooksALaterFlight() {
        toSeat();
        seatBooked(NOW.plus(Duration.ofHours(48)));
        deliverAll(NOW.plus(Duration.ofHours(2)));

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("NOTICE_WINDOW_VIOLATED");
        assertThat(outbox.all(BookSeat.class)).hasSize(2);
        assertThat(outbox.last(BookSeat.class).notBefore()).isAfterOrEqualTo(NOW.plus(Duration.ofHours(72)));
        assertThat(instance).isWaitingAt("Gateway_SeatReply");

        seatBooked(NOW.plus(Duration.ofHours(96)));
        deliverAll(NOW.plus(Duration.ofHours(3)));
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock");
    }

    @Test
    void failedNoticeIsResentThenGoesToAnOperator() {
        toSeat();
        seatBooked(DEPARTURE);
        List<SendNotification> first = outbox.all(SendNotification.class);
        assertThat(first).hasSize(3);

        for (int attempt = 1; attempt < timers.getNotificationAttempts(); attempt++) {
            notificationFailed(RecipientType.CONSULATE);
        }
        assertThat(outbox.all(SendNotification.class)).hasSize(3 + timers.getNotificationAttempts() - 1);
        notificationFailed(RecipientType.CONSULATE);
        Task resolve = processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("UserTask_ResolveNotification").singleResult();
        assertThat(resolve).isNotNull();
        assertThat(resolve).hasCandidateGroup("operators");

        processEngine.getTaskService().complete(resolve.getId(), Map.of("resolution", "consulate address registered"));
        runJobs();
        deliverAll(NOW);
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock");
    }

    @Test
    void unknownDetaineeIsWithdrawn() {
        start("IRN");
        correlate(Msg.DETAINEE_UNKNOWN, Map.of());
        assertThat(instance).isEnded().hasPassed("EndEvent_WithdrawnDetaineeUnknown");
        assertThat(journal.states()).containsExactly("OPEN", "WITHDRAWN");
        assertThat(outbox.all(ReleaseFromOperation.class)).isEmpty();
    }

    @Test
    void overdueRepliesAreResentThenRaiseAnIncident() {
        timers.setMaxOverdue(1);
        start("IRN");
        fireTimer("Timer_DetaineeReplyOverdue");
        assertThat(outbox.all(DescribeDetainee.class)).hasSize(2);
        assertThat(journal.of("REPLY_OVERDUE")).hasSize(1);
        // past max-overdue the timer job fails, and its retries end in an incident
        Job timer = job("Timer_DetaineeReplyOverdue");
        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(timer.getId()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("overdue_Timer_DetaineeReplyOverdue");
        processEngine.getRuntimeService().setVariable(instance.getId(), "overdue_Timer_DetaineeReplyOverdue", 0);
        fireTimer("Timer_DetaineeReplyOverdue");
        assertThat(outbox.all(DescribeDetainee.class)).hasSize(3);

        describe("IRN", "fa", false);
        fireTimer("Timer_EligibilityOverdue");
        assertThat(outbox.all(AssessEligibility.class)).hasSize(2);
        assessed();
        consentGiven();
        fireTimer("Timer_SeatReplyOverdue");
        assertThat(outbox.all(BookSeat.class)).hasSize(2);
        seatBooked(DEPARTURE);
        fireTimer("Timer_NotificationOverdue");
        assertThat(outbox.all(SendNotification.class)).hasSize(2 + 1);
        deliverAll(NOW);

        fireTimer("Timer_ManifestLockReminder");
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock");
        manifestLocked();
        fireTimer("Timer_FinalEligibilityOverdue");
        assertThat(outbox.all(AssessEligibility.class)).hasSize(4);
        assessed();
        fireTimer("Timer_BoardingReminder");
        correlate(Msg.PASSENGER_BOARDED, Map.of());
        fireTimer("Timer_HandoverReminder");
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForHandover");
        assertThat(journal.of("REPLY_OVERDUE")).hasSizeGreaterThanOrEqualTo(8);
        correlate(Msg.HANDOVER_CONFIRMED, Map.of());
        assertThat(instance).isEnded();
    }

    // ---------------------------------------------------------------- DMN

    @Test
    void destinationRequirementsRows() {
        assertThat(requirements("IRN", "IRN")).containsEntry("requiresConsent", false).containsEntry("noticeHours", 72)
                .containsEntry("requiresTravelDocument", true).containsEntry("maxPerFlight", 120);
        assertThat(requirements("PAN", "AFG")).containsEntry("requiresConsent", true).containsEntry("noticeHours", 120)
                .containsEntry("requiresTravelDocument", true).containsEntry("maxPerFlight", 119);
        assertThat(requirements("IRN", "AFG")).as("a third country that is not PAN").containsEntry("requiresConsent", true)
                .containsEntry("noticeHours", 120);
        assertThat(requirements("VNM", "VNM")).as("default row").containsEntry("requiresConsent", false)
                .containsEntry("noticeHours", 72).containsEntry("requiresTravelDocument", true);
        assertThat(requirements("VNM", "VNM").get("maxPerFlight")).isNull();
    }

    private Map<String, Object> requirements(String destination, String nationality) {
        return processEngine.getDecisionService().evaluateDecisionByKey(ProcessConstants.DECISION_KEY)
                .variables(Variables.putValue("destinationCountry", destination).putValue("nationality", nationality)
                        .putValue("thirdCountry", !destination.equals(nationality)))
                .evaluate().getSingleResult().getEntryMap();
    }

    // ---------------------------------------------------------------- the services' side

    private void start(String destination) {
        caseId = UUID.randomUUID().toString();
        VariableMap variables = Variables.putValue(Var.CASE_ID, caseId)
                .putValue(Var.DETAINEE_ID, UUID.randomUUID().toString())
                .putValue(Var.DESTINATION_COUNTRY, destination)
                .putValue(Var.OPERATION_ID, null);
        instance = processEngine.getRuntimeService().startProcessInstanceByKey(ProcessConstants.PROCESS_KEY, caseId, variables);
        runJobs();
    }

    private void describe(String nationality, String language, boolean hasCounsel) {
        correlate(Msg.DETAINEE_DESCRIBED, Map.of(Var.NATIONALITY, nationality, Var.PREFERRED_LANGUAGE, language,
                Var.DETAINED_SINCE, "2026-03-02", Var.FACILITY_CODE, "LA-JENA", Var.HAS_COUNSEL, hasCounsel));
    }

    private void assessed(String... blockers) {
        String json = Arrays.stream(blockers).map(code -> "{\"code\":\"" + code + "\",\"detail\":\"" + code.toLowerCase() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        correlate(Msg.ELIGIBILITY_ASSESSED, Map.of(Var.ELIGIBLE, blockers.length == 0, Var.BLOCKERS, json));
    }

    private void consentGiven() {
        correlate(Msg.CONSENT_GIVEN, Map.of(Var.CONSENT_ID, UUID.randomUUID().toString(), Var.VOLUNTARY, true));
    }

    private UUID seatBooked(Instant departureAt) {
        UUID flightId = UUID.randomUUID();
        correlate(Msg.SEAT_BOOKED, Map.of(Var.FLIGHT_ID, flightId.toString(), Var.SEAT, "12A",
                Var.DEPARTURE_AT, departureAt.toString(), "flightNumber", "RF101", "departureAirport", "AEX",
                "stopoverAirports", "DOH", "arrivalAirport", "IKA"));
        return flightId;
    }

    private void deliverAll(Instant deliveredAt) {
        for (RecipientType recipient : RecipientType.values()) {
            processEngine.getRuntimeService().createMessageCorrelation(Msg.NOTIFICATION_DELIVERED)
                    .processInstanceBusinessKey(caseId)
                    .localVariableEquals(NoticePlan.RECIPIENT_TYPE, recipient.name())
                    .setVariablesLocal(Map.of(NoticePlan.DELIVERED_AT, deliveredAt.toString()))
                    .correlateAll();
        }
        runJobs();
    }

    private void notificationFailed(RecipientType recipient) {
        processEngine.getRuntimeService().createMessageCorrelation(Msg.NOTIFICATION_FAILED)
                .processInstanceBusinessKey(caseId)
                .localVariableEquals(NoticePlan.RECIPIENT_TYPE, recipient.name())
                .correlate();
        runJobs();
    }

    private void manifestLocked() {
        correlate(Msg.MANIFEST_LOCKED, Map.of());
    }

    private void correlate(String message, Map<String, Object> variables) {
        processEngine.getRuntimeService().createMessageCorrelation(message).processInstanceBusinessKey(caseId)
                .setVariables(variables).correlate();
        runJobs();
    }

    private void toReview(String blocker) {
        start("IRN");
        describe("IRN", "fa", true);
        assessed(blocker);
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
    }

    private void toConsent(String destination) {
        start(destination);
        describe(destination, "fa", true);
        assessed();
        assertThat(instance).isWaitingAt("Gateway_ConsentReply");
    }

    private void toSeat() {
        toConsent("IRN");
        consentGiven();
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
    }

    private static Map<String, Object> review(String decision) {
        return Map.of(Var.REVIEW_DECISION, decision, Var.REVIEW_JUSTIFICATION, "checked the court record of 2026-11-30");
    }

    private static Map<String, Object> approval(String decision) {
        return Map.of(Var.SUPERVISOR_DECISION, decision, Var.REVIEW_JUSTIFICATION, "reviewed the permit and the order");
    }

    private Task task() {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private void complete(String userId, List<String> groups, Map<String, Object> variables) {
        Task task = task();
        if (userId != null) {
            processEngine.getIdentityService().setAuthentication(userId, groups);
        }
        try {
            processEngine.getTaskService().complete(task.getId(), variables);
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        runJobs();
    }

    private Map<String, Object> vars() {
        return processEngine.getRuntimeService().getVariables(instance.getId());
    }

    private static Map<RecipientType, String> locales(List<SendNotification> notices) {
        return notices.stream().collect(Collectors.toMap(SendNotification::recipientType, SendNotification::locale));
    }

    private Job job(String activityId) {
        List<Job> jobs = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).list();
        assertThat(jobs).as("timer job at " + activityId).isNotEmpty();
        return jobs.get(0);
    }

    private void fireTimer(String activityId) {
        processEngine.getManagementService().executeJob(job(activityId).getId());
        runJobs();
    }

    /** Runs the async continuations (send tasks) until the process waits. */
    private void runJobs() {
        for (int round = 0; round < 100; round++) {
            List<Job> jobs = processEngine.getManagementService().createJobQuery().messages().executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            for (Job job : jobs) {
                processEngine.getManagementService().executeJob(job.getId());
            }
        }
        throw new AssertionError("jobs keep coming");
    }
}
