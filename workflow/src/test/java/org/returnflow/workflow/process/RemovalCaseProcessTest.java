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
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.FearClaimWindows;
import org.returnflow.workflow.process.ProcessConstants.Command;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * Every path of {@code removal-case}, on a real PostgreSQL engine whose database also holds the
 * workflow's case records. The services are played as the workflow's inbox plays them: a reply
 * records its fact in the case's safeguard records (blockers, consent, seat, the request it
 * answers) and is correlated by business key and message name; what the process sends is captured
 * from its adapters, each command with its request id.
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
    JdbcTemplate jdbc;
    CaseSafeguards records;
    CaseRequests requests;
    CapturingOutbox outbox;
    CapturingJournal journal;
    ProcessTimers timers;
    FearClaimWindows windows;
    CaseStates caseStates;
    String caseId;
    ProcessInstance instance;

    @BeforeEach
    void setUp() {
        processEngine = engine.getProcessEngine();
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        jdbc = new JdbcTemplate(processEngine.getProcessEngineConfiguration().getDataSource());
        records = new CaseSafeguards(jdbc);
        requests = new CaseRequests(jdbc);
        outbox = new CapturingOutbox();
        journal = new CapturingJournal();
        timers = new ProcessTimers();
        CaseCommands commands = new CaseCommands(outbox, requests);
        caseStates = new CaseStates(journal, records);
        windows = new FearClaimWindows(jdbc);
        fearClaimWindowOverride(null);
        Mocks.register("timers", timers);
        Mocks.register("caseStates", caseStates);
        Mocks.register("destinationRequirements", new DestinationRequirements(records, windows));
        Mocks.register("safeguards", new Safeguards(records, requests, journal, caseStates));
        Mocks.register("notice", new NoticePlan(records, requests));
        Mocks.register("replyOverdue", new ReplyOverdueListener(timers, caseStates));
        Mocks.register("legalReviewDecision", new LegalReviewDecision(records, journal));
        Mocks.register("supervisorApproval", new SupervisorApproval(records, journal));
        Mocks.register("describeDetaineeAdapter", new DescribeDetaineeAdapter(commands));
        Mocks.register("assessEligibilityAdapter", new AssessEligibilityAdapter(commands, records));
        Mocks.register("requestConsentAdapter", new RequestConsentAdapter(commands, timers));
        Mocks.register("bookSeatAdapter", new BookSeatAdapter(commands, records, windows));
        Mocks.register("releaseSeatAdapter", new ReleaseSeatAdapter(commands, records, requests, journal));
        Mocks.register("sendNotificationAdapter", new SendNotificationAdapter(commands, records, windows));
        Mocks.register("releaseFromOperationAdapter", new ReleaseFromOperationAdapter(commands));
        Mocks.register("recordRemovalAdapter", new RecordRemovalAdapter(commands, records));
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
        assertThat(records.consent(caseUuid())).hasValueSatisfying(c -> assertThat(c.voluntary()).isTrue());

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
        assertThat(vars()).containsEntry(Var.STATE, "LEGAL_REVIEW").containsEntry(Var.BLOCKER_CODES, "VALID_RESIDENCE_PERMIT");
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
        assertThat(records.overridden(caseUuid())).containsExactly("VALID_RESIDENCE_PERMIT");
        assertThat(jdbc.queryForMap("select reviewer, supervisor from case_override where case_id = ?::uuid", caseId))
                .containsEntry("reviewer", "reviewer1").containsEntry("supervisor", "supervisor1");
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
        consentRefused(Msg.CONSENT_DECLINED, "DECLINED");

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
        consentRefused(Msg.CONSENT_EXPIRED, "EXPIRED");
        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("CONSENT_EXPIRED");
        assertThat(instance).isEnded();
    }

    @Test
    void unansweredConsentWhereNotRequiredContinuesNonVoluntary() {
        toConsent("IRN");
        fireTimer("Timer_ConsentTimeout");
        assertThat(records.consent(caseUuid())).hasValueSatisfying(c -> assertThat(c.standing()).isEqualTo("TIMED_OUT"));
        // A consent given after the timeout answers a request that is no longer current.
        assertThat(requests.standing(caseUuid(), outbox.lastRequest(RequestConsent.class), Command.REQUEST_CONSENT))
                .isEqualTo(CaseRequests.Standing.SUPERSEDED);
        assertThat(outbox.all(BookSeat.class)).hasSize(1);
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
    }

    @Test
    void seatUnavailableRetriesWhenAFlightIsScheduled() {
        toSeat();
        seatUnavailable();
        assertThat(instance).isWaitingAt("Gateway_WaitForFlight");
        assertThat(journal.of("SEAT_UNAVAILABLE")).hasSize(1);

        // FlightScheduled goes to every case waiting for a flight to that country
        processEngine.getRuntimeService().createMessageCorrelation(Msg.FLIGHT_SCHEDULED)
                .processInstanceVariableEquals(Var.DESTINATION_COUNTRY, "IRN").correlateAll();
        runJobs();
        assertThat(outbox.all(BookSeat.class)).hasSize(2);

        seatUnavailable();
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

        holdPlaced();

        assertThat(outbox.all(ReleaseSeat.class)).singleElement().extracting(ReleaseSeat::reason).isEqualTo("LEGAL_HOLD_PLACED");
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(vars()).containsEntry(Var.STATE, "LEGAL_REVIEW");
        assertThat(records.seat(caseUuid())).as("the case gave the seat up").isEmpty();
        assertThat(journal.of("SEAT_RELEASED")).singleElement().extracting(CapturingJournal.Entry::detail).asString()
                .contains("reason=LEGAL_HOLD_PLACED");
        // S1: nobody proceeds past an active hold
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), review("PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("ACTIVE_LEGAL_HOLD");
    }

    @Test
    void holdPlacedBeforeBookingReleasesNothing() {
        toConsent("IRN");
        holdPlaced();
        assertThat(outbox.all(ReleaseSeat.class)).isEmpty();
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
    }

    @Test
    void consentWithdrawnReleasesTheSeatAndRebooksNonVoluntary() {
        toSeat();
        seatBooked(DEPARTURE);

        consentWithdrawn();

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(records.consent(caseUuid())).hasValueSatisfying(c -> assertThat(c.voluntary()).isFalse());
        assertThat(outbox.all(BookSeat.class)).as("not required for IRN: rebooked, non-voluntary").hasSize(2);
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
    }

    @Test
    void consentWithdrawnWhereRequiredWithdrawsTheCase() {
        start("PAN");
        describe("AFG", "fa", true);
        assessed();
        consentGiven();
        passFearClaimWindow();
        seatBooked(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(6)));

        consentWithdrawn();

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(instance).isEnded().hasPassed("EndEvent_CaseWithdrawn");
    }

    @Test
    void cancelledFlightIsRebookedWithoutReleasingTheSeat() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);

        flightCancelled();

        assertThat(outbox.all(ReleaseSeat.class)).as("the flight already struck the seat").isEmpty();
        assertThat(outbox.all(BookSeat.class)).hasSize(2);
        assertThat(vars()).containsEntry(Var.STATE, "AWAITING_SEAT");
        assertThat(records.seat(caseUuid())).isEmpty();
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
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("retry the failed job");
        // An operator retries the failed job in Cockpit: no variable to change, another round allowed.
        processEngine.getIdentityService().setAuthentication("operator1", List.of("operators"));
        processEngine.getManagementService().setJobRetries(timer.getId(), 1);
        processEngine.getIdentityService().clearAuthentication();
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

    @Test
    void aNoShowStruckAtDepartureLeavesTheBoardingWaitForLegalReview() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);
        manifestLocked();
        assessed();
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForBoarding");

        seatStruck("NOT_BOARDED");

        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(outbox.all(ReleaseSeat.class)).as("flight struck the seat itself").isEmpty();
        assertThat(journal.of("SEAT_STRUCK")).singleElement().extracting(CapturingJournal.Entry::detail).asString()
                .contains("reason=NOT_BOARDED", "to legal review");
        assertThat(journal.states()).endsWith("NOTIFIED", "LEGAL_REVIEW");
        // With nothing blocking, the reviewer may book the person again.
        complete("reviewer1", List.of("legal-review"), review("PROCEED"));
        assertThat(outbox.all(BookSeat.class)).hasSize(2);
    }

    @Test
    void aSeatStruckBecauseTransitWasRefusedIsBookedAgain() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);

        seatStruck("TRANSIT_REFUSED");

        assertThat(outbox.all(BookSeat.class)).hasSize(2);
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
    }

    @Test
    void variablesSmuggledIntoAReviewDecideNothing() {
        toReview("ACTIVE_LEGAL_HOLD");
        Map<String, Object> smuggled = new HashMap<>(review("PROCEED"));
        smuggled.put("overriddenBlockers", "ACTIVE_LEGAL_HOLD,NO_FINAL_ORDER");
        smuggled.put("blockers", "[]");
        smuggled.put("blocked", false);
        smuggled.put("eligible", true);
        smuggled.put("voluntary", true);
        smuggled.put("needsSupervisorApproval", false);

        // S1: the decision is taken from the case's records, which still hold the hold.
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), smuggled))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("ACTIVE_LEGAL_HOLD");
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(outbox.all(BookSeat.class)).isEmpty();
        assertThat(records.open(caseUuid())).containsExactly("ACTIVE_LEGAL_HOLD");
    }

    @Test
    void aReviewerWhoNamesSomeoneElseAsReviewerStillCannotApproveTheirOwnReview() {
        toReview("UNACCOMPANIED_MINOR");
        complete("reviewer1", List.of("legal-review"), review("PROCEED"));
        Map<String, Object> smuggled = new HashMap<>(approval("APPROVE"));
        smuggled.put(Var.REVIEWER, "reviewer2");

        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review", "supervisors"), smuggled))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("Four eyes");
        assertThat(instance).isWaitingAt("UserTask_SupervisorApproval");
        assertThat(records.overridden(caseUuid())).isEmpty();
    }

    @Test
    void anInitialAnswerCannotSatisfyTheFinalWait() {
        toSeat();
        UUID initial = outbox.lastRequest(AssessEligibility.class);
        seatBooked(DEPARTURE);
        deliverAll(NOW);
        manifestLocked();
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForFinalEligibility");

        // The two checks are distinct waits, and the initial request is no longer the newest.
        assertThat(processEngine.getRuntimeService().createMessageCorrelation(Msg.ELIGIBILITY_ASSESSED)
                .processInstanceBusinessKey(caseId).localVariableEquals(Var.STAGE, "INITIAL").correlateAllWithResult())
                .isEmpty();
        assertThat(requests.standing(caseUuid(), initial, Command.ASSESS_ELIGIBILITY))
                .isEqualTo(CaseRequests.Standing.SUPERSEDED);
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForFinalEligibility");
    }

    @Test
    void aRecordChangeThatMayBlockIsVerifiedAtOnceAndANewBlockerStopsTheCase() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock");

        // Custody released: detention is asked again, for the departure of the seat held, beside the main course.
        correlate(Msg.REVERIFICATION_REQUESTED, Map.of());
        AssessEligibility reverify = outbox.last(AssessEligibility.class);
        assertThat(reverify.stage()).isEqualTo(EligibilityStage.REVERIFY);
        assertThat(reverify.onDate()).isEqualTo(LocalDate.parse("2026-12-05"));
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock", "ReceiveTask_WaitForReverification");

        assessed("NOT_IN_CUSTODY");

        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("NEW_BLOCKER_NOT_IN_CUSTODY");
        assertThat(records.seat(caseUuid())).isEmpty();
        assertThat(journal.of("NEW_BLOCKER_FOUND")).singleElement().extracting(CapturingJournal.Entry::detail)
                .asString().contains("NOT_IN_CUSTODY");
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), review("PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("NOT_IN_CUSTODY");
    }

    @Test
    void aVerificationThatFindsNothingNewLeavesTheCaseOnItsCourse() {
        toSeat();
        UUID booking = outbox.lastRequest(BookSeat.class);
        correlate(Msg.REVERIFICATION_REQUESTED, Map.of());
        // The verification is a request of its own: it does not supersede the booking the case waits for.
        assertThat(requests.standing(caseUuid(), booking, Command.BOOK_SEAT)).isEqualTo(CaseRequests.Standing.CURRENT);
        assessed();

        assertThat(instance).isWaitingAt("Gateway_SeatReply");
        seatBooked(DEPARTURE);
        assertThat(outbox.all(ReleaseSeat.class)).isEmpty();
    }

    @Test
    void anAgencyWithdrawsABookedCase() {
        toSeat();
        seatBooked(DEPARTURE);
        deliverAll(NOW);

        correlate(Msg.WITHDRAWAL_REQUESTED, Map.of(Var.CONTROL_REASON, "COURT_ORDER"));

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("AGENCY_COURT_ORDER");
        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("AGENCY_COURT_ORDER");
        assertThat(outbox.all(SendNotification.class)).filteredOn(n -> n.templateKey() == TemplateKey.CASE_WITHDRAWN)
                .hasSize(2);
        assertThat(instance).isEnded().hasPassed("EndEvent_WithdrawnByAgency", "EndEvent_CaseWithdrawn");
    }

    @Test
    void aSuspendedCaseHoldsNoSeatUntilItIsResumedAndThenStartsAgain() {
        toSeat();
        seatBooked(DEPARTURE);

        correlate(Msg.SUSPENSION_REQUESTED, Map.of(Var.CONTROL_REASON, "MEDICAL_REVIEW"));

        assertThat(instance).isWaitingAt("ReceiveTask_WaitForResume");
        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("SUSPENDED_MEDICAL_REVIEW");
        assertThat(journal.states()).endsWith("SUSPENDED");
        // While suspended, nothing books the case: a hold only becomes a record.
        int bookings = outbox.all(BookSeat.class).size();
        records.holdPlaced(caseUuid(), "msg-hold", "hold placed while suspended");
        assertThat(processEngine.getRuntimeService().createMessageCorrelation(Msg.LEGAL_HOLD_PLACED)
                .processInstanceBusinessKey(caseId).correlateAllWithResult()).isEmpty();

        correlate(Msg.RESUME_REQUESTED, Map.of());

        assertThat(outbox.last(AssessEligibility.class).stage()).isEqualTo(EligibilityStage.INITIAL);
        assessed("ACTIVE_LEGAL_HOLD");
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(outbox.all(BookSeat.class)).hasSize(bookings);
    }

    @Test
    void aSuspendedCaseCanBeWithdrawn() {
        toSeat();
        correlate(Msg.SUSPENSION_REQUESTED, Map.of(Var.CONTROL_REASON, "MEDICAL_REVIEW"));
        fireTimer("Timer_SuspensionReminder");
        assertThat(journal.of("STILL_SUSPENDED")).hasSize(1);

        correlate(Msg.WITHDRAWAL_REQUESTED, Map.of(Var.CONTROL_REASON, "RELEASED_BY_COURT"));

        assertThat(outbox.last(ReleaseFromOperation.class).reasonCode()).isEqualTo("AGENCY_RELEASED_BY_COURT");
        assertThat(instance).isEnded().hasPassed("BoundaryEvent_WithdrawnWhileSuspended", "EndEvent_CaseWithdrawn");
    }

    @Test
    void aRescheduledFlightTellsEveryoneAgainAndKeepsTheSeatWhileTheWindowHolds() {
        toSeat();
        UUID flightId = seatBooked(DEPARTURE);
        deliverAll(NOW);
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock");

        rescheduled(flightId, DEPARTURE.plus(Duration.ofDays(1)));

        List<SendNotification> changed = outbox.all(SendNotification.class).stream()
                .filter(n -> n.templateKey() == TemplateKey.FLIGHT_CHANGED).toList();
        assertThat(changed).extracting(SendNotification::recipientType)
                .containsExactlyInAnyOrder(RecipientType.DETAINEE, RecipientType.COUNSEL, RecipientType.CONSULATE);
        assertThat(changed).allSatisfy(n -> assertThat(n.data()).containsEntry("departureAt",
                DEPARTURE.plus(Duration.ofDays(1)).toString()));
        deliverAll(NOW.plus(Duration.ofHours(1)));
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForManifestLock");
        assertThat(outbox.all(ReleaseSeat.class)).isEmpty();
        assertThat(journal.of("FLIGHT_RESCHEDULED")).hasSize(1);
    }

    @Test
    void aFlightMovedTooEarlyForTheNoticeReleasesTheSeatAndBooksALaterOne() {
        toSeat();
        UUID flightId = seatBooked(DEPARTURE);
        deliverAll(NOW);

        // Now + 30 h: the notices of a new round cannot reach everyone 72 h before it.
        rescheduled(flightId, NOW.plus(Duration.ofHours(30)));
        deliverAll(NOW.plus(Duration.ofHours(1)));

        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("NOTICE_WINDOW_VIOLATED");
        assertThat(outbox.all(BookSeat.class)).hasSize(2);
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
    }

    @Test
    void aRescheduleAfterTheManifestLockGoesStraightToTheFinalCheckOnceNotified() {
        toSeat();
        UUID flightId = seatBooked(DEPARTURE);
        deliverAll(NOW);
        records.manifestLocked(caseUuid(), flightId);
        manifestLocked();
        assessed();
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForBoarding");

        rescheduled(flightId, DEPARTURE.plus(Duration.ofHours(6)));
        deliverAll(NOW.plus(Duration.ofHours(1)));

        // No second ManifestLocked will come: the final check runs for the new departure.
        AssessEligibility check = outbox.last(AssessEligibility.class);
        assertThat(check.stage()).isEqualTo(EligibilityStage.FINAL);
        assessed();
        assertThat(instance).isWaitingAt("ReceiveTask_WaitForBoarding");
    }

    // ---------------------------------------------------------------- the fear-claim window (issue 18, item 3)

    @Test
    void thirdCountryWindowOpensThenClosesThenBooks() {
        toDestinationNotice(true);

        // no seat yet: the person and counsel are told the destination first, never the consulate
        assertThat(outbox.all(BookSeat.class)).isEmpty();
        Instant endsAt = NOW.plus(Duration.ofHours(240));
        List<SendNotification> notices = outbox.all(SendNotification.class);
        assertThat(notices).extracting(SendNotification::recipientType)
                .containsExactlyInAnyOrder(RecipientType.DETAINEE, RecipientType.COUNSEL);
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.templateKey()).isEqualTo(TemplateKey.DESTINATION_NOTICE);
            assertThat(n.flightId()).isNull();
            assertThat(n.country()).isNull();
            assertThat(n.data()).containsEntry("destinationCountry", "PAN").containsEntry("windowEndsAt", endsAt.toString());
        });
        assertThat(locales(notices)).containsEntry(RecipientType.DETAINEE, "ps").containsEntry(RecipientType.COUNSEL, "en");
        assertThat(journal.of("FEAR_CLAIM_WINDOW_OPENED")).singleElement().extracting(CapturingJournal.Entry::detail)
                .isEqualTo("destination=PAN; windowEndsAt=" + endsAt + "; hours=240");
        assertThat(vars()).containsEntry(Var.STATE, "AWAITING_SEAT");

        deliverAll(NOW);
        assertThat(instance).isWaitingAt("Timer_FearClaimWindowEnds");
        assertThat(job("Timer_FearClaimWindowEnds").getDuedate()).isEqualTo(Date.from(endsAt));
        assertThat(journal.of("FEAR_CLAIM_WINDOW_EXTENDED")).as("told at once: the window as announced").isEmpty();

        // the timer fired early (an operator's retry, a clock skew) does not end the window
        ClockUtil.setCurrentTime(Date.from(endsAt.minus(Duration.ofHours(1))));
        assertThatThrownBy(() -> fireTimer("Timer_FearClaimWindowEnds")).hasMessageContaining("ends at " + endsAt);
        assertThat(outbox.all(BookSeat.class)).isEmpty();
        assertThat(journal.of("FEAR_CLAIM_WINDOW_CLOSED")).isEmpty();

        ClockUtil.setCurrentTime(Date.from(endsAt));
        fireTimer("Timer_FearClaimWindowEnds");
        assertThat(journal.of("FEAR_CLAIM_WINDOW_CLOSED")).singleElement().extracting(CapturingJournal.Entry::detail)
                .isEqualTo("destination=PAN; openedAt=" + NOW + "; windowEndsAt=" + endsAt);
        assertThat(outbox.all(BookSeat.class)).singleElement().satisfies(b -> {
            assertThat(b.destinationCountry()).isEqualTo("PAN");
            assertThat(b.notBefore()).isEqualTo(endsAt.plus(Duration.ofHours(120)));
        });
        seatBooked(endsAt.plus(Duration.ofDays(6)));
        assertThat(outbox.all(SendNotification.class)).filteredOn(n -> n.templateKey() == TemplateKey.CASE_BOOKED)
                .extracting(SendNotification::recipientType)
                .containsExactlyInAnyOrder(RecipientType.DETAINEE, RecipientType.COUNSEL, RecipientType.CONSULATE);

        // a re-booking after a flight change does not open the window again
        deliverAll(endsAt);
        flightCancelled();
        assertThat(outbox.all(BookSeat.class)).hasSize(2);
        assertThat(instance).isWaitingAt("Gateway_SeatReply");
        assertThat(journal.of("FEAR_CLAIM_WINDOW_OPENED")).hasSize(1);
        assertThat(outbox.all(SendNotification.class)).filteredOn(n -> n.templateKey() == TemplateKey.DESTINATION_NOTICE)
                .hasSize(2);
    }

    @Test
    void aNoticeDeliveredLateGivesThePersonTheWholeWindowFromThen() {
        toDestinationNotice(true);
        Instant announced = NOW.plus(Duration.ofHours(240));

        // the notice reached the person only two days later (a failure an operator fixed)
        Instant told = NOW.plus(Duration.ofDays(2));
        ClockUtil.setCurrentTime(Date.from(told));
        deliverAll(told);

        Instant inFull = told.plus(Duration.ofHours(240));
        assertThat(instance).isWaitingAt("Timer_FearClaimWindowEnds");
        assertThat(job("Timer_FearClaimWindowEnds").getDuedate()).isEqualTo(Date.from(inFull));
        assertThat(journal.of("FEAR_CLAIM_WINDOW_EXTENDED")).singleElement().extracting(CapturingJournal.Entry::detail)
                .isEqualTo("destination=PAN; toldAt=" + told + "; windowEndsAt=" + inFull + " (was " + announced + ")");

        // at the end first announced, the window has not ended: no seat
        ClockUtil.setCurrentTime(Date.from(announced));
        assertThatThrownBy(() -> fireTimer("Timer_FearClaimWindowEnds")).hasMessageContaining("ends at " + inFull);
        assertThat(outbox.all(BookSeat.class)).isEmpty();

        ClockUtil.setCurrentTime(Date.from(inFull));
        fireTimer("Timer_FearClaimWindowEnds");
        assertThat(journal.of("FEAR_CLAIM_WINDOW_CLOSED")).hasSize(1);
        assertThat(outbox.all(BookSeat.class)).hasSize(1);
    }

    @Test
    void fearClaimInsideTheWindowGoesToLegalReviewAndIsNeverBooked() {
        toDestinationNotice(false);
        deliverAll(NOW);
        assertThat(instance).isWaitingAt("Timer_FearClaimWindowEnds");
        Instant endsAt = NOW.plus(Duration.ofHours(240));

        // detention records the claim as a PROTECTION_CLAIM hold: LegalHoldPlaced
        holdPlaced();
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(vars()).containsEntry(Var.STATE, "LEGAL_REVIEW").containsEntry(Var.BLOCKER_CODES, "ACTIVE_LEGAL_HOLD");
        assertThat(outbox.all(ReleaseSeat.class)).as("no seat to release").isEmpty();
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), review("PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("ACTIVE_LEGAL_HOLD");

        // the window's end changes nothing while the hold stands; nor does a recheck or the hold replayed
        ClockUtil.setCurrentTime(Date.from(endsAt.plus(Duration.ofDays(1))));
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Timer_FearClaimWindowEnds").count()).isZero();
        complete("reviewer1", List.of("legal-review"), review("RECHECK"));
        assessed("ACTIVE_LEGAL_HOLD");
        holdPlaced();
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThat(outbox.all(BookSeat.class)).isEmpty();
        assertThat(records.open(caseUuid())).containsExactly("ACTIVE_LEGAL_HOLD");

        // the claim is rejected: the hold is lifted, a fresh assessment clears it, the same window closes
        correlate(Msg.LEGAL_HOLD_LIFTED, Map.of());
        assessed();
        assertThat(outbox.all(SendNotification.class)).filteredOn(n -> n.templateKey() == TemplateKey.DESTINATION_NOTICE)
                .as("asked again for the same window; notification answers a delivered one without a second e-mail")
                .hasSize(2).allSatisfy(n -> assertThat(n.data()).containsEntry("windowEndsAt", endsAt.toString()));
        deliverAll(NOW);
        fireTimer("Timer_FearClaimWindowEnds");
        assertThat(journal.of("FEAR_CLAIM_WINDOW_OPENED")).hasSize(1);
        assertThat(journal.of("FEAR_CLAIM_WINDOW_CLOSED")).hasSize(1);
        assertThat(outbox.all(BookSeat.class)).hasSize(1);
    }

    @Test
    void holdAfterTheWindowClosedStillReleasesTheSeatAndBlocksBooking() {
        toDestinationNotice(true);
        passFearClaimWindow();
        seatBooked(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(6)));

        // a claim after the window still becomes a hold: the seat goes, the case goes to review
        holdPlaced();
        assertThat(outbox.last(ReleaseSeat.class).reason()).isEqualTo("LEGAL_HOLD_PLACED");
        assertThat(instance).isWaitingAt("UserTask_LegalReview");
        assertThatThrownBy(() -> complete("reviewer1", List.of("legal-review"), review("PROCEED")))
                .hasRootCauseInstanceOf(ReviewRefused.class).hasMessageContaining("ACTIVE_LEGAL_HOLD");
        assertThat(outbox.all(BookSeat.class)).hasSize(1);
    }

    @Test
    void holdInTheRecordsStopsTheBookingEvenWhenItsMessageNeverReachedTheProcess() {
        toDestinationNotice(true);
        deliverAll(NOW);
        // a LegalHoldPlaced recorded by the inbox whose correlation has not happened (or was lost)
        records.holdPlaced(caseUuid(), "msg-hold-late", "hold placed");
        ClockUtil.setCurrentTime(job("Timer_FearClaimWindowEnds").getDuedate());
        assertThatThrownBy(() -> fireTimer("Timer_FearClaimWindowEnds")).hasMessageContaining("under a legal hold");
        assertThat(outbox.all(BookSeat.class)).isEmpty();
    }

    @Test
    void smuggledVariablesDoNotSkipTheWait() {
        toDestinationNotice(true);
        // the destination notice to counsel fails until an operator must resolve it, inside the window
        for (int attempt = 0; attempt < timers.getNotificationAttempts(); attempt++) {
            notificationFailed(RecipientType.COUNSEL);
        }
        Task resolve = processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(ProcessConstants.Task.RESOLVE_NOTIFICATION).singleResult();
        // the engine itself takes extra variables (EngineRequestGuard refuses them over HTTP): they decide nothing
        processEngine.getTaskService().complete(resolve.getId(), Map.of(Var.RESOLUTION, "counsel's address corrected",
                "fearWindowClosed", true, Var.THIRD_COUNTRY, false, "windowEndsAt", NOW.toString()));
        runJobs();
        processEngine.getRuntimeService().setVariable(instance.getId(), "fearWindowClosed", true);
        deliverAll(NOW);
        assertThat(instance).isWaitingAt("Timer_FearClaimWindowEnds");
        assertThat(job("Timer_FearClaimWindowEnds").getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(240))));
        assertThatThrownBy(() -> fireTimer("Timer_FearClaimWindowEnds")).hasMessageContaining("ends at");
        assertThat(outbox.all(BookSeat.class)).isEmpty();
    }

    @Test
    void nationalReturnHasNoWindow() {
        toSeat();
        assertThat(outbox.all(BookSeat.class)).hasSize(1);
        assertThat(outbox.all(SendNotification.class)).isEmpty();
        assertThat(journal.of("FEAR_CLAIM_WINDOW_OPENED")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from case_fear_window where case_id = ?::uuid", Integer.class,
                caseId)).isZero();
    }

    @Test
    @Deployment(resources = {"bpmn/removal-case.bpmn", "fixtures/destination-requirements-assurances.dmn",
            "forms/legal-review.form", "forms/supervisor-approval.form", "forms/resolve-notification.form"})
    void anAssuranceShortensTheWindowButNeverBelow72Hours() {
        toDestinationNotice(false);
        assertThat(journal.of("FEAR_CLAIM_WINDOW_OPENED")).singleElement().extracting(CapturingJournal.Entry::detail)
                .isEqualTo("destination=PAN; windowEndsAt=" + NOW.plus(Duration.ofHours(72))
                        + "; hours=72; dmnHours=24; assurance=DA-PAN-2026-07");
        assertThat(jdbc.queryForMap("select window_hours, dmn_hours, assurance_reference from case_fear_window "
                + "where case_id = ?::uuid", caseId)).containsEntry("window_hours", 72).containsEntry("dmn_hours", 24)
                .containsEntry("assurance_reference", "DA-PAN-2026-07");

        // without an assurance, a shorter row is raised to the 240 h default
        start("IRN");
        describe("AFG", "fa", false);
        assessed();
        consentGiven();
        assertThat(journal.of("FEAR_CLAIM_WINDOW_OPENED")).last().extracting(CapturingJournal.Entry::detail)
                .isEqualTo("destination=IRN; windowEndsAt=" + NOW.plus(Duration.ofHours(240)) + "; hours=240; dmnHours=100");
        // and the database refuses a window under the floor, whatever code writes it
        assertThatThrownBy(() -> windows.open(new FearClaimWindows.Window(caseUuid(), "AFG", 71, 71, "DA-X", null, NOW,
                NOW.plus(Duration.ofHours(71)), null))).hasMessageContaining("case_fear_window_window_hours_check");
    }

    @Test
    void theLocalOverrideShortensTheWindowAndSaysSo() {
        fearClaimWindowOverride("PT1M");
        toDestinationNotice(false);
        assertThat(journal.of("FEAR_CLAIM_WINDOW_OPENED")).singleElement().extracting(CapturingJournal.Entry::detail)
                .isEqualTo("destination=PAN; windowEndsAt=" + NOW.plus(Duration.ofMinutes(1))
                        + "; hours=240; shortenedByLocalOverride=PT1M (the DMN's window: 240 h)");
        assertThat(jdbc.queryForMap("select window_hours, local_override from case_fear_window where case_id = ?::uuid",
                caseId)).containsEntry("window_hours", 240).containsEntry("local_override", "PT1M");
        passFearClaimWindow();
        assertThat(outbox.all(BookSeat.class)).hasSize(1);
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
        assertThat(requirements("PAN", "AFG")).containsEntry("fearClaimWindowHours", 240)
                .doesNotContainKey("assuranceReference");
        assertThat(requirements("IRN", "AFG")).containsEntry("fearClaimWindowHours", 240);
        assertThat(requirements("IRN", "IRN").get("fearClaimWindowHours")).as("no window for a national").isNull();
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
        String detaineeId = UUID.randomUUID().toString();
        jdbc.update("insert into removal_case (case_id, detainee_id, destination_country, state, started_at) "
                + "values (?::uuid, ?::uuid, ?, 'OPEN', now())", caseId, detaineeId, destination);
        VariableMap variables = Variables.putValue(Var.CASE_ID, caseId)
                .putValue(Var.DETAINEE_ID, detaineeId)
                .putValue(Var.DESTINATION_COUNTRY, destination)
                .putValue(Var.OPERATION_ID, null);
        instance = processEngine.getRuntimeService().startProcessInstanceByKey(ProcessConstants.PROCESS_KEY, caseId, variables);
        runJobs();
    }

    private UUID caseUuid() {
        return UUID.fromString(caseId);
    }

    /** Marks the newest request of a command answered, as the inbox does when a reply stands. */
    private UUID answer(Class<? extends org.returnflow.contracts.Message> command, String reply) {
        UUID request = outbox.lastRequest(command);
        assertThat(requests.standing(caseUuid(), request, ProcessConstants.name(command)))
                .as("the reply answers the newest request").isEqualTo(CaseRequests.Standing.CURRENT);
        requests.answered(request, reply, "msg-" + UUID.randomUUID());
        return request;
    }

    /** A PAN case of an AFG national, consenting: its fear-claim window opens and the destination notice goes out. */
    private void toDestinationNotice(boolean hasCounsel) {
        start("PAN");
        describe("AFG", "ps", hasCounsel);
        assessed();
        consentGiven();
    }

    /** The services' side of a fear-claim window: both notices delivered, the window's end reached, the timer fired. */
    private void passFearClaimWindow() {
        deliverAll(ClockUtil.getCurrentTime().toInstant());
        assertThat(instance).isWaitingAt("Timer_FearClaimWindowEnds");
        ClockUtil.setCurrentTime(job("Timer_FearClaimWindowEnds").getDuedate());
        fireTimer("Timer_FearClaimWindowEnds");
    }

    /** The bean fearWindow, with the local profile's override when one is given. */
    private void fearClaimWindowOverride(String override) {
        MockEnvironment environment = new MockEnvironment();
        if (override != null) {
            environment.setActiveProfiles("local");
            environment.setProperty(FearClaimWindowSettings.PROPERTY, override);
        }
        Mocks.register("fearWindow", new FearClaimWindow(records, windows, caseStates,
                new FearClaimWindowSettings(environment)));
    }

    private void describe(String nationality, String language, boolean hasCounsel) {
        answer(DescribeDetainee.class, Msg.DETAINEE_DESCRIBED);
        correlate(Msg.DETAINEE_DESCRIBED, Map.of(Var.NATIONALITY, nationality, Var.PREFERRED_LANGUAGE, language,
                Var.DETAINED_SINCE, "2026-03-02", Var.FACILITY_CODE, "LA-JENA", Var.HAS_COUNSEL, hasCounsel));
    }

    private void assessed(String... blockers) {
        EligibilityStage stage = outbox.last(AssessEligibility.class).stage();
        UUID request = answer(AssessEligibility.class, Msg.ELIGIBILITY_ASSESSED);
        records.assessed(caseUuid(), request, "msg-" + request, Arrays.stream(blockers)
                .map(code -> Blocker.of(BlockerCode.valueOf(code))).toList());
        processEngine.getRuntimeService().createMessageCorrelation(Msg.ELIGIBILITY_ASSESSED).processInstanceBusinessKey(caseId)
                .localVariableEquals(Var.STAGE, stage.name()).correlate();
        runJobs();
    }

    private void consentGiven() {
        UUID request = answer(RequestConsent.class, Msg.CONSENT_GIVEN);
        records.consent(caseUuid(), UUID.randomUUID(), "GIVEN", "officer-4711", "fa", null,
                "9f2c".repeat(16), request, "msg-" + request);
        correlate(Msg.CONSENT_GIVEN, Map.of());
    }

    private void consentRefused(String message, String standing) {
        UUID request = answer(RequestConsent.class, message);
        records.consent(caseUuid(), UUID.randomUUID(), standing, null, null, null, null, request, "msg-" + request);
        correlate(message, Map.of());
    }

    private void consentWithdrawn() {
        CaseSafeguards.Consent standing = records.consent(caseUuid()).orElseThrow();
        records.consent(caseUuid(), standing.consentId(), "WITHDRAWN", null, null, null, null, null, "msg-withdrawn");
        correlate(Msg.CONSENT_WITHDRAWN, Map.of());
    }

    private UUID seatBooked(Instant departureAt) {
        UUID request = answer(BookSeat.class, Msg.SEAT_BOOKED);
        UUID flightId = UUID.randomUUID();
        records.seatBooked(caseUuid(), new CaseSafeguards.Seat(flightId, "12A", "RF101", departureAt, "AEX",
                List.of("DOH"), "IKA"), request);
        correlate(Msg.SEAT_BOOKED, Map.of());
        return flightId;
    }

    private void seatUnavailable() {
        answer(BookSeat.class, Msg.SEAT_UNAVAILABLE);
        correlate(Msg.SEAT_UNAVAILABLE, Map.<String, Object>of());
    }

    private void deliverAll(Instant deliveredAt) {
        for (RecipientType recipient : RecipientType.values()) {
            List<SendNotification> sent = outbox.all(SendNotification.class).stream()
                    .filter(n -> n.recipientType() == recipient).toList();
            if (sent.isEmpty()) {
                continue;
            }
            UUID request = outbox.lastRequest(SendNotification.class, n -> n.recipientType() == recipient);
            if (requests.standing(caseUuid(), request, Command.SEND_NOTIFICATION).current()) {
                requests.answered(request, Msg.NOTIFICATION_DELIVERED, "msg-" + request);
                requests.delivered(request, deliveredAt);
            }
            processEngine.getRuntimeService().createMessageCorrelation(Msg.NOTIFICATION_DELIVERED)
                    .processInstanceBusinessKey(caseId)
                    .localVariableEquals(Var.RECIPIENT_TYPE, recipient.name())
                    .correlateAll();
        }
        runJobs();
    }

    private void notificationFailed(RecipientType recipient) {
        UUID request = outbox.lastRequest(SendNotification.class, n -> n.recipientType() == recipient);
        requests.answered(request, Msg.NOTIFICATION_FAILED, "msg-" + request);
        processEngine.getRuntimeService().createMessageCorrelation(Msg.NOTIFICATION_FAILED)
                .processInstanceBusinessKey(caseId)
                .localVariableEquals(Var.RECIPIENT_TYPE, recipient.name())
                .correlate();
        runJobs();
    }

    private void manifestLocked() {
        correlate(Msg.MANIFEST_LOCKED, Map.of());
    }

    private void holdPlaced() {
        records.holdPlaced(caseUuid(), "msg-hold-" + UUID.randomUUID(), "hold placed");
        correlate(Msg.LEGAL_HOLD_PLACED, Map.of());
    }

    private void flightCancelled() {
        records.seat(caseUuid()).ifPresent(seat -> records.seatGone(caseUuid(), seat.flightId()));
        requests.supersede(caseUuid(), Command.BOOK_SEAT, "flight cancelled");
        correlate(Msg.FLIGHT_CANCELLED, Map.of());
    }

    private void rescheduled(UUID flightId, Instant departureAt) {
        records.departureChanged(caseUuid(), flightId, departureAt);
        correlate(Msg.FLIGHT_RESCHEDULED, Map.of());
    }

    private void seatStruck(String reason) {
        records.seat(caseUuid()).ifPresent(seat -> records.seatGone(caseUuid(), seat.flightId()));
        correlate(Msg.SEAT_RELEASED, Map.of(Var.SEAT_STRUCK_REASON, reason));
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
        return notices.stream().collect(Collectors.toMap(SendNotification::recipientType, SendNotification::locale, (a, b) -> b));
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
