package org.returnflow.consent.domain;

import org.returnflow.contracts.consent.ConsentDeclined;
import org.returnflow.contracts.consent.ConsentExpired;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.ConsentRequested;
import org.returnflow.contracts.consent.ConsentWithdrawn;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The register of consent requests: opens them on RequestConsent, records decisions and
 * withdrawals as new rows, expires overdue requests, and publishes each change through the
 * outbox in the transaction of the change. Every change is audited.
 */
@Service
public class ConsentRegister {

    /** Subject type of consent records in the audit trail. */
    public static final String AUDIT_SUBJECT = "ConsentRequest";

    private static final Logger log = LoggerFactory.getLogger(ConsentRegister.class);
    private static final List<ConsentStatus> OPEN = List.of(ConsentStatus.PENDING, ConsentStatus.GIVEN);

    private final ConsentRequestRepository requests;
    private final ConsentDecisionRepository decisions;
    private final ConsentWithdrawalRepository withdrawals;
    private final BoardedCaseRepository boarded;
    private final ConsentPolicy policy;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public ConsentRegister(ConsentRequestRepository requests, ConsentDecisionRepository decisions,
                           ConsentWithdrawalRepository withdrawals, BoardedCaseRepository boarded,
                           ConsentPolicy policy, EventOutbox outbox, AuditLog audit, Clock clock) {
        this.requests = requests;
        this.decisions = decisions;
        this.withdrawals = withdrawals;
        this.boarded = boarded;
        this.policy = policy;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Opens a PENDING request for the case and publishes ConsentRequested. While the case has an
     * open request that request is kept: a pending one publishes nothing new (the officer has yet
     * to decide), and consent that stands is answered again with its ConsentGiven, so a case that
     * asks again, e.g. after its flight was cancelled, does not wait for an answer already given.
     *
     * @param requestedBy the CloudEvents source of the command
     * @param commandId   the CloudEvents id of the command
     */
    @Transactional
    public ConsentRequest open(RequestConsent command, String requestedBy, String commandId) {
        var open = requests.findByCaseIdAndStatusIn(command.caseId(), OPEN);
        if (open.isPresent()) {
            ConsentRequest existing = open.get();
            log.info("Case already has consent request {} ({}); RequestConsent {} opens nothing new",
                    existing.id(), existing.status(), commandId);
            existing.askedAgain(commandId);
            requests.saveAndFlush(existing);
            if (existing.status() == ConsentStatus.GIVEN) {
                decisions.findByConsentIdInOrderByDecidedAt(List.of(existing.id())).stream()
                        .filter(d -> d.decision() == Decision.GIVEN)
                        .findFirst()
                        .ifPresent(given -> outbox.publish(consentGiven(existing, given)));
            }
            return existing;
        }
        ConsentRequest request = requests.saveAndFlush(new ConsentRequest(command.caseId(), command.detaineeId(),
                command.preferredLanguage(), command.detainedSince(), command.dueBy(), now(), requestedBy, commandId,
                command.facilityCode()));
        outbox.publish(new ConsentRequested(request.caseId(), request.id(), request.detaineeId(),
                request.preferredLanguage(), request.dueBy(), request.answersRequest()));
        audit.recordSystem(requestedBy, "CONSENT_REQUESTED", AUDIT_SUBJECT, request.id(),
                "caseId=" + request.caseId() + " detaineeId=" + request.detaineeId() + " dueBy=" + request.dueBy());
        log.info("Opened consent request {} due by {}", request.id(), request.dueBy());
        return request;
    }

    /**
     * Records the decision on a request and publishes ConsentGiven or ConsentDeclined.
     *
     * @param recordedBy the authenticated principal recording it
     */
    @Transactional
    public ConsentRecord decide(UUID consentId, DecisionInput input, String recordedBy, FacilityReach reach) {
        ConsentRequest request = within(requests.findForUpdate(consentId), consentId, reach);
        ConsentDecision decision = decisions.saveAndFlush(request.decide(input, policy, now(), recordedBy));
        requests.saveAndFlush(request);
        if (decision.decision() == Decision.GIVEN) {
            outbox.publish(consentGiven(request, decision));
        } else {
            outbox.publish(new ConsentDeclined(request.caseId(), request.id(), request.detaineeId(),
                    decision.officer(), decision.decidedAt(), request.answersRequest()));
        }
        // The principal is the verified client; the officer it names is kept beside it, never as the principal.
        audit.recordChange("CONSENT_" + decision.decision(), AUDIT_SUBJECT, request.id(),
                "caseId=" + request.caseId() + " language=" + decision.language()
                        + " interpreter=" + decision.interpreter() + " evidenceSha256=" + decision.evidenceSha256()
                        + " daysInDetention=" + decision.daysInDetention()
                        + " reviewRequired=" + decision.reviewRequired(), decision.officer());
        log.info("Consent request {} decided: {} (review required: {})", request.id(), decision.decision(),
                decision.reviewRequired());
        return history(request);
    }

    /**
     * Records the withdrawal of consent given, until the person boards, and publishes ConsentWithdrawn.
     *
     * @param recordedBy the authenticated principal recording it
     */
    @Transactional
    public ConsentRecord withdraw(UUID consentId, String reason, String recordedBy, FacilityReach reach) {
        ConsentRequest request = within(requests.findForUpdate(consentId), consentId, reach);
        boolean hasBoarded = boarded.existsById(request.caseId());
        ConsentWithdrawal withdrawal = withdrawals.saveAndFlush(
                request.withdraw(reason, hasBoarded, now(), recordedBy));
        requests.saveAndFlush(request);
        outbox.publish(new ConsentWithdrawn(request.caseId(), request.id(), request.detaineeId(),
                withdrawal.withdrawnAt(), request.answersRequest()));
        // The reason is free text about a person: it stays in its row, out of the trail's detail.
        audit.recordChange("CONSENT_WITHDRAWN", AUDIT_SUBJECT, request.id(), "caseId=" + request.caseId());
        log.info("Consent request {} withdrawn", request.id());
        return history(request);
    }

    /** Remembers that the person of a case boarded; from then on consent cannot be withdrawn. */
    @Transactional
    public void recordBoarding(PassengerBoarded event, String source) {
        // Lock the case's requests so that a withdrawal in flight either commits first or sees the boarding.
        requests.findByCaseIdForUpdate(event.caseId());
        if (boarded.existsById(event.caseId())) {
            log.info("Boarding already recorded");
            return;
        }
        boarded.saveAndFlush(new BoardedCase(event.caseId(), event.flightId(), event.boardedAt(), now()));
        audit.recordSystem(source, "PASSENGER_BOARDED", "Case", event.caseId(), "flightId=" + event.flightId());
        log.info("Boarding recorded on flight {}", event.flightId());
    }

    /**
     * Expires up to {@code limit} pending requests past their dueBy and publishes ConsentExpired
     * for each. Safe to run on several replicas at once.
     *
     * @return how many requests expired
     */
    @Transactional
    public int expireOverdue(int limit) {
        Instant now = now();
        int expired = 0;
        for (ConsentRequest request : requests.lockDueForExpiry(now, limit)) {
            if (!request.expireIfDue(now)) {
                continue;
            }
            requests.save(request);
            outbox.publish(new ConsentExpired(request.caseId(), request.id(), request.detaineeId(), now, request.answersRequest()));
            audit.recordSystem("consent-service", "CONSENT_EXPIRED", AUDIT_SUBJECT, request.id(),
                    "caseId=" + request.caseId() + " dueBy=" + request.dueBy());
            log.info("Consent request {} of case {} expired (due by {})", request.id(), request.caseId(),
                    request.dueBy());
            expired++;
        }
        return expired;
    }

    /** One request with its history; the read is audited (a partner must give a purpose). */
    @Transactional
    public ConsentRecord get(UUID consentId, FacilityReach reach) {
        ConsentRequest request = within(requests.findById(consentId), consentId, reach);
        audit.recordRead(AUDIT_SUBJECT, request.id());
        return history(request);
    }

    /**
     * The requests of a case or of a person (or both), newest first, each with its history; every
     * request returned is an audited read.
     */
    @Transactional
    public Page<ConsentRecord> find(UUID caseId, UUID detaineeId, FacilityReach reach, Pageable pageable) {
        if (reach.nothing()) {
            return Page.empty(pageable);
        }
        Page<ConsentRequest> page = requests.search(caseId, detaineeId, reach.unlimited(), reach.codes(), pageable);
        List<UUID> ids = page.getContent().stream().map(ConsentRequest::id).toList();
        Map<UUID, List<ConsentDecision>> decisionsById = ids.isEmpty() ? Map.of()
                : decisions.findByConsentIdInOrderByDecidedAt(ids).stream()
                .collect(Collectors.groupingBy(ConsentDecision::consentId));
        Map<UUID, List<ConsentWithdrawal>> withdrawalsById = ids.isEmpty() ? Map.of()
                : withdrawals.findByConsentIdInOrderByWithdrawnAt(ids).stream()
                .collect(Collectors.groupingBy(ConsentWithdrawal::consentId));
        audit.recordListRead(AUDIT_SUBJECT, ids);
        return new PageImpl<>(page.getContent().stream()
                .map(r -> new ConsentRecord(r, decisionsById.getOrDefault(r.id(), List.of()),
                        withdrawalsById.getOrDefault(r.id(), List.of())))
                .toList(), pageable, page.getTotalElements());
    }

    /** The request, if the caller reaches the person's facility; 404 otherwise, as for an unknown one. */
    private static ConsentRequest within(Optional<ConsentRequest> found, UUID consentId, FacilityReach reach) {
        return found.filter(r -> reach.reaches(r.facilityCode()))
                .orElseThrow(() -> new NotFoundException("Consent request", consentId));
    }

    private ConsentRecord history(ConsentRequest request) {
        List<UUID> id = List.of(request.id());
        return new ConsentRecord(request, decisions.findByConsentIdInOrderByDecidedAt(id),
                withdrawals.findByConsentIdInOrderByWithdrawnAt(id));
    }

    private static ConsentGiven consentGiven(ConsentRequest request, ConsentDecision decision) {
        return new ConsentGiven(request.caseId(), request.id(), request.detaineeId(), decision.officer(),
                decision.language(), decision.interpreter(), decision.evidenceSha256(), decision.decidedAt(),
                decision.daysInDetention(), decision.reviewRequired(), request.answersRequest());
    }

    /** Now, at the precision PostgreSQL keeps, so that what is published equals what is stored. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
