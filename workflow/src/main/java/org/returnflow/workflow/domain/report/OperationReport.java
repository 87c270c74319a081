package org.returnflow.workflow.domain.report;

import org.returnflow.contracts.workflow.CaseState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The report of a return operation, computed from the workflow's own records at {@code generatedAt}:
 * its cases by state, who is voluntary, the blockers met and how those cases stand now, the flights
 * its cases held seats on, the notices sent, and the S1–S10 audit. Ids, codes, counts and instants
 * only: no name of a person.
 *
 * @param facilities the facilities the reader may see, when the report is limited to them; null for every case
 * @param notVisible what the workflow cannot see, and whose it is: the report does not claim it
 */
public record OperationReport(Operation operation, Instant generatedAt, List<String> facilities, Cases cases,
                              Voluntariness voluntariness, List<BlockerMet> blockers, List<Manifest> manifests,
                              Notices notices, Reverifications reverifications, Remedies remedies,
                              FearClaimWindows fearClaimWindows, Monitoring monitoring, List<Finding> safeguards,
                              List<String> notVisible) {

    /**
     * The re-verifications before departure (T-72 h, T-2 h, and at once when detention announces a change
     * that may block): fresh eligibility answers for booked cases.
     *
     * @param requested     re-verifications asked of detention
     * @param answered      of them, answered
     * @param casesCaught   cases for which a re-verification found a blocker that no earlier answer had
     * @param caughtByCode  those blockers by code
     */
    public record Reverifications(long requested, long answered, long casesCaught, Map<String, Long> caughtByCode) {
    }

    /**
     * Court-ordered remedies for the operation's removed cases ({@code return-facilitation}).
     *
     * @param ordered  remedies ordered
     * @param open     still bringing the person back
     * @param returned the person is back
     */
    public record Remedies(long ordered, long open, long returned) {
    }

    /**
     * The fear-claim windows of the operation's third-country cases (no seat before a window closes).
     *
     * @param opened                windows opened (one per case and destination)
     * @param openNow               still running: no seat may be booked yet
     * @param closed                ended and closed
     * @param withAssurance         shortened under a recorded diplomatic assurance (never below 72 h)
     * @param byLocalOverride       shortened by the local profile's override (demo and e2e stacks only)
     * @param casesHeldInWindow     cases on which a legal hold (a fear claim is one) was placed while their window ran
     */
    public record FearClaimWindows(long opened, long openNow, long closed, long withAssurance, long byLocalOverride,
                                   long casesHeldInWindow) {
    }

    /**
     * Independent monitors on the operation's flights, and the SERIOUS findings they reported about its
     * cases, each of which opened a review for supervisors ({@code monitoring-finding-review}).
     *
     * @param monitorsAssigned monitors assigned now, counted once per flight
     * @param findings         findings about the operation's cases
     * @param findingsByCode   those findings by code
     */
    public record Monitoring(long monitorsAssigned, long findings, Map<String, Long> findingsByCode) {
    }

    public record Operation(UUID id, String name, String destinationCountry, Instant createdAt, String createdBy) {
    }

    /** @param byState every state in the process's order, with zero where no case is */
    public record Cases(long total, Map<CaseState, Long> byState, long open, long ended) {
    }

    /**
     * @param voluntary          {@code voluntary=true}: a ConsentGiven with evidence stands
     * @param notVoluntary       consent declined, expired, timed out or withdrawn
     * @param notDecided         no consent answer yet (or never asked: the case ended before)
     * @param byStanding         the consent that stands, by its standing
     * @param throughInterpreter voluntary cases whose consent names an interpreter
     */
    public record Voluntariness(long voluntary, long notVoluntary, long notDecided, Map<String, Long> byStanding,
                                long throughInterpreter) {
    }

    /**
     * A blocker code the operation's cases met, from every blocker the workflow recorded (cleared or not).
     *
     * @param cases      cases that met it at some point
     * @param openNow    cases for which it still stands
     * @param overridden cases a reviewer proceeded past it with a supervisor's approval (four eyes)
     * @param nowByState how the cases that met it stand now
     */
    public record BlockerMet(String code, long cases, long openNow, long overridden, Map<CaseState, Long> nowByState) {
    }

    /**
     * A flight the operation's cases held seats on, as the cases know it.
     *
     * @param status         what the cases heard: SCHEDULED, LOCKED, DEPARTED, ARRIVED or CANCELLED
     * @param casesBooked    cases that held a seat on it at some point
     * @param heldNow        seats held now
     * @param mostHeldAtOnce the most seats the operation's cases held on it at one time
     * @param released       seats given up, by reason (LEGAL_HOLD_PLACED, CONSENT_WITHDRAWN, OFFLOADED_…, FLIGHT_CANCELLED, …)
     */
    public record Manifest(UUID flightId, String flightNumber, String route, Instant departureAt, String status,
                           long casesBooked, long heldNow, long mostHeldAtOnce, long boarded, long handedOver,
                           Map<String, Long> released) {
    }

    /**
     * The SendNotification commands of the operation's cases and their answers.
     *
     * @param awaiting      sent, not answered and not superseded
     * @param superseded    never answered and replaced by a newer notice, or about a seat that is gone
     * @param byRecipient   the same counts by recipient type (DETAINEE, COUNSEL, CONSULATE)
     * @param byTemplate    the same counts by template (CASE_BOOKED, CASE_WITHDRAWN, FLIGHT_CHANGED)
     * @param languages     delivered notices by recipient type and the language they were written in
     * @param peopleNotInTheirLanguage people whose own notice was written in a fallback language (S4)
     */
    public record Notices(long requested, long delivered, long failed, long awaiting, long superseded,
                          Map<String, NoticeCounts> byRecipient, Map<String, NoticeCounts> byTemplate,
                          List<Language> languages, long peopleNotInTheirLanguage) {
    }

    public record NoticeCounts(long requested, long delivered, long failed, long awaiting) {
    }

    /** @param fallback how many of them were written in a fallback language for want of a template */
    public record Language(String recipientType, String locale, long delivered, long fallback) {
    }

    /**
     * One safeguard of DESIGN.md, checked against the records.
     *
     * @param status     OK when no violation was found, FAIL otherwise
     * @param checked    what was checked, with its numbers
     * @param violations each violation, with the case's id and codes (at most {@link #MAX_LISTED})
     * @param violationCount every violation, listed or not
     * @param notVisible what the rule asks that the workflow cannot see, and whose it is
     */
    public record Finding(String rule, String statement, String status, String checked, List<String> violations,
                          int violationCount, String notVisible) {

        public static final int MAX_LISTED = 100;

        public static Finding of(String rule, String statement, String checked, List<String> violations,
                                 String notVisible) {
            return new Finding(rule, statement, violations.isEmpty() ? "OK" : "FAIL", checked,
                    List.copyOf(violations.subList(0, Math.min(violations.size(), MAX_LISTED))), violations.size(),
                    notVisible);
        }

        public boolean ok() {
            return violationCount == 0;
        }
    }

    /** Whether every safeguard held. */
    public boolean ok() {
        return safeguards.stream().allMatch(Finding::ok);
    }
}
