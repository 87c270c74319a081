package org.returnflow.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.returnflow.platform.web.ConflictException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A request for a person's consent to return, opened for one case. What it was opened with never
 * changes; its decision and any withdrawal are rows of their own, and only its status moves on.
 */
@Entity
@Table(name = "consent_request")
public class ConsentRequest {

    @Id
    private UUID id;

    @Version
    private Long version;

    @Column(name = "case_id", nullable = false, updatable = false)
    private UUID caseId;

    @Column(name = "detainee_id", nullable = false, updatable = false)
    private UUID detaineeId;

    @Column(name = "preferred_language", nullable = false, updatable = false)
    private String preferredLanguage;

    @Column(name = "detained_since", nullable = false, updatable = false)
    private LocalDate detainedSince;

    @Column(name = "due_by", nullable = false, updatable = false)
    private Instant dueBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConsentStatus status;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    /** Who asked: the CloudEvents source of the RequestConsent command. */
    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    /** The CloudEvents id of the RequestConsent command. */
    @Column(name = "command_id", nullable = false, updatable = false)
    private String commandId;

    /** The CloudEvents id of the newest RequestConsent for this request: every answer carries it. */
    @Column(name = "answers_request", nullable = false)
    private String answersRequest;

    @Column(name = "expired_at")
    private Instant expiredAt;

    /** The facility holding the person when the case asked; null when not known. */
    @Column(name = "facility_code", updatable = false)
    private String facilityCode;

    protected ConsentRequest() {
    }

    public ConsentRequest(UUID caseId, UUID detaineeId, String preferredLanguage, LocalDate detainedSince,
                          Instant dueBy, Instant requestedAt, String requestedBy, String commandId) {
        this(caseId, detaineeId, preferredLanguage, detainedSince, dueBy, requestedAt, requestedBy, commandId, null);
    }

    public ConsentRequest(UUID caseId, UUID detaineeId, String preferredLanguage, LocalDate detainedSince,
                          Instant dueBy, Instant requestedAt, String requestedBy, String commandId,
                          String facilityCode) {
        this.facilityCode = facilityCode;
        this.id = UUID.randomUUID();
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        this.detaineeId = Objects.requireNonNull(detaineeId, "detaineeId");
        this.preferredLanguage = Objects.requireNonNull(preferredLanguage, "preferredLanguage");
        this.detainedSince = Objects.requireNonNull(detainedSince, "detainedSince");
        this.dueBy = Objects.requireNonNull(dueBy, "dueBy").truncatedTo(ChronoUnit.MICROS);
        this.requestedAt = Objects.requireNonNull(requestedAt, "requestedAt");
        this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
        this.commandId = Objects.requireNonNull(commandId, "commandId");
        this.answersRequest = commandId;
        this.status = ConsentStatus.PENDING;
    }

    /**
     * Records the person's decision. A request takes one decision, before its dueBy.
     *
     * @return the new decision row
     * @throws ConflictException when the request is no longer pending or is past its dueBy
     */
    public ConsentDecision decide(DecisionInput input, ConsentPolicy policy, Instant now, String recordedBy) {
        if (status != ConsentStatus.PENDING) {
            throw new ConflictException("Consent request " + id + " already has a decision: it is " + status
                    + "; a decision is never replaced");
        }
        if (now.isAfter(dueBy)) {
            throw new ConflictException("Consent request " + id + " was due by " + dueBy
                    + " and has expired; the case needs a new request");
        }
        policy.check(input, preferredLanguage);
        int days = policy.daysInDetention(detainedSince, now);
        boolean given = input.decision() == Decision.GIVEN;
        status = given ? ConsentStatus.GIVEN : ConsentStatus.DECLINED;
        return new ConsentDecision(id, input, days, given && policy.reviewRequired(days), now, recordedBy);
    }

    /**
     * Records that the person withdrew consent given earlier. Honoured until the person boards.
     *
     * @param boarded whether the person of this case has boarded
     * @throws ConflictException after boarding, or when there is no consent given to withdraw
     */
    public ConsentWithdrawal withdraw(String reason, boolean boarded, Instant now, String recordedBy) {
        if (boarded) {
            throw new ConflictException("The person of case " + caseId
                    + " has boarded; consent can no longer be withdrawn");
        }
        if (status != ConsentStatus.GIVEN) {
            throw new ConflictException("Consent request " + id + " is " + status
                    + "; only consent given can be withdrawn");
        }
        status = ConsentStatus.WITHDRAWN;
        return new ConsentWithdrawal(id, reason, now, recordedBy);
    }

    /** The case asked again while this request is open: answers now go to that newer request. */
    public void askedAgain(String commandId) {
        this.answersRequest = Objects.requireNonNull(commandId, "commandId");
    }

    /**
     * The request id every answer about this request carries: the newest RequestConsent's
     * CloudEvents id, or null when that id is not a UUID (the answer then matches no request).
     */
    public UUID answersRequest() {
        try {
            return UUID.fromString(answersRequest);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** Marks a pending request past its dueBy as expired; returns whether it did. */
    public boolean expireIfDue(Instant now) {
        if (status != ConsentStatus.PENDING || now.isBefore(dueBy)) {
            return false;
        }
        status = ConsentStatus.EXPIRED;
        expiredAt = now;
        return true;
    }

    public UUID id() { return id; }
    public String facilityCode() { return facilityCode; }
    public UUID caseId() { return caseId; }
    public UUID detaineeId() { return detaineeId; }
    public String preferredLanguage() { return preferredLanguage; }
    public LocalDate detainedSince() { return detainedSince; }
    public Instant dueBy() { return dueBy; }
    public ConsentStatus status() { return status; }
    public Instant requestedAt() { return requestedAt; }
    public String requestedBy() { return requestedBy; }
    public Instant expiredAt() { return expiredAt; }
}
