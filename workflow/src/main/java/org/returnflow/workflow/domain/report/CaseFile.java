package org.returnflow.workflow.domain.report;

import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.HistoryEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the workflow recorded about one case, as its own tables hold it: the case row, what the
 * DMN required, the consent that stands, every blocker (cleared or not), every review and approval
 * decision, every override, every command sent with its answer, the seat held now, and the history.
 * The report and its audit read nothing else: no process variable, no other service's data.
 */
public record CaseFile(UUID caseId, UUID detaineeId, CaseState state, Boolean voluntary, String facilityCode,
                       Instant createdAt, Instant endedAt, Requirement requirement, Consent consent,
                       List<Blocker> blockers, List<Decision> decisions, List<Override> overrides,
                       List<Request> requests, Seat seat, List<HistoryEntry> history) {

    /** {@code case_requirement}: what the DMN destination-requirements decided. */
    public record Requirement(boolean thirdCountry, boolean requiresConsent, int noticeHours,
                              boolean requiresTravelDocument) {
    }

    /** {@code case_consent}: the consent that stands. */
    public record Consent(UUID consentId, String standing, String officer, String language, String interpreter,
                          String evidenceSha256, Instant recordedAt) {
    }

    /** {@code case_blocker}: a blocker from an eligibility answer or a legal hold, open until {@code clearedAt}. */
    public record Blocker(long id, String code, String source, UUID sourceRequest, Instant recordedAt,
                          Instant clearedAt) {

        public boolean openAt(Instant at) {
            return !recordedAt.isAfter(at) && (clearedAt == null || clearedAt.isAfter(at));
        }
    }

    /** {@code case_decision}: a legal review or supervisor approval. */
    public record Decision(long id, String kind, String decision, String actor, Instant decidedAt, String justification) {
    }

    /** {@code case_override}: an overridable blocker a reviewer proceeded past and another user approved. */
    public record Override(String code, String reviewer, String supervisor, Instant approvedAt) {
    }

    /** {@code case_request}: a command the process sent, and how it was answered. */
    public record Request(UUID requestId, long seq, String command, String scope, String detail, UUID flightId,
                          Instant sentAt, Instant supersededAt, Instant answeredAt, String answerType,
                          Instant deliveredAt) {
    }

    /** {@code case_seat}: the seat held now. */
    public record Seat(UUID flightId, String seat, String flightNumber, Instant departureAt, String route,
                       Instant bookedAt) {
    }

    public boolean ended() {
        return endedAt != null;
    }

    public List<Request> requests(String command) {
        return requests.stream().filter(r -> r.command().equals(command)).toList();
    }

    public List<Blocker> blockers(String code) {
        return blockers.stream().filter(b -> b.code().equals(code)).toList();
    }

    /** Whether a blocker of this code stood at that instant. */
    public boolean blockedAt(String code, Instant at) {
        return blockers.stream().anyMatch(b -> b.code().equals(code) && b.openAt(at));
    }

    /** The first override of this code approved by a supervisor other than the reviewer at or before that instant. */
    public java.util.Optional<Override> overrideAt(String code, Instant at) {
        return overrides.stream().filter(o -> o.code().equals(code) && !o.approvedAt().isAfter(at)
                && !o.reviewer().equals(o.supervisor())).findFirst();
    }
}
