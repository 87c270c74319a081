package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.FearClaimWindows;
import org.returnflow.workflow.domain.FearClaimWindows.Terms;
import org.returnflow.workflow.domain.FearClaimWindows.Window;
import org.returnflow.workflow.process.ProcessConstants.Var;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The fear-claim window of a third-country removal, as the bean {@code fearWindow} (issue 18, item 3).
 * When the destination is not the person's nationality, no seat may be booked for it until the person
 * and counsel have been told the destination in writing (DESTINATION_NOTICE) and the window has ended.
 * Its length is the DMN's {@code fearClaimWindowHours} (240 h where it says nothing), never below
 * {@link #DEFAULT_HOURS} unless the DMN names a recorded diplomatic assurance, and never below
 * {@link #FLOOR_HOURS} at all: a DMN edit cannot go under them. Only the local profile's override
 * ({@link FearClaimWindowSettings}) shortens a window further, and the history says so.
 *
 * <p>Every answer comes from the case's records ({@link FearClaimWindows}): one window per case and
 * destination, so a re-booking never opens a second one, and a closed window stays closed.
 */
@Component("fearWindow")
public class FearClaimWindow {

    /** The shortest window there is, with a recorded assurance (hours). */
    public static final int FLOOR_HOURS = 72;
    /** The window where the DMN says nothing, and the shortest one without an assurance (hours). */
    public static final int DEFAULT_HOURS = 240;

    private final CaseSafeguards records;
    private final FearClaimWindows windows;
    private final CaseStates caseStates;
    private final FearClaimWindowSettings settings;

    public FearClaimWindow(CaseSafeguards records, FearClaimWindows windows, CaseStates caseStates,
                           FearClaimWindowSettings settings) {
        this.records = records;
        this.windows = windows;
        this.caseStates = caseStates;
        this.settings = settings;
    }

    /** The window's length in hours from the DMN's terms, raised to the floor that applies. */
    public static int hours(Terms terms) {
        int floor = terms.assuranceReference() == null ? DEFAULT_HOURS : FLOOR_HOURS;
        return Math.max(floor, terms.dmnHours() == null ? DEFAULT_HOURS : terms.dmnHours());
    }

    /**
     * Whether a window stands between the case and a booking for its destination: a third-country
     * removal whose window for that destination is not closed (never opened, or still running).
     */
    public boolean pending(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        return records.requirements(caseId).thirdCountry()
                && windows.of(caseId, destination(execution)).map(w -> !w.closed()).orElse(true);
    }

    /**
     * Opens the window for the destination, unless one is open already (the case came back to the
     * booking after an interruption: the same window runs on, and the notice is asked again, which
     * notification answers without a second e-mail when it was delivered). History:
     * {@code FEAR_CLAIM_WINDOW_OPENED} with the end, the hours, the assurance and any local override.
     */
    public void open(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        String destination = destination(execution);
        if (windows.of(caseId, destination).isPresent()) {
            return;
        }
        Terms terms = windows.terms(caseId);
        int hours = hours(terms);
        Optional<Duration> override = settings.override();
        Instant openedAt = CaseVariables.now();
        Instant endsAt = openedAt.plus(override.orElse(Duration.ofHours(hours)));
        windows.open(new Window(caseId, destination, hours, terms.dmnHours(), terms.assuranceReference(),
                override.map(Duration::toString).orElse(null), openedAt, endsAt, null));
        StringBuilder detail = new StringBuilder("destination=").append(destination).append("; windowEndsAt=").append(endsAt)
                .append("; hours=").append(hours);
        if (terms.dmnHours() == null || terms.dmnHours() != hours) {
            detail.append("; dmnHours=").append(terms.dmnHours() == null ? "none" : terms.dmnHours());
        }
        if (terms.assuranceReference() != null) {
            detail.append("; assurance=").append(terms.assuranceReference());
        }
        override.ifPresent(d -> detail.append("; shortenedByLocalOverride=").append(d)
                .append(" (the DMN's window: ").append(hours).append(" h)"));
        caseStates.note(execution, "FEAR_CLAIM_WINDOW_OPENED", detail);
    }

    /** Whether the window for the destination is open and the case must wait for its end. */
    public boolean awaitingEnd(DelegateExecution execution) {
        return windows.of(CaseVariables.caseOf(execution), destination(execution)).map(w -> !w.closed()).orElse(false);
    }

    /**
     * When the window for the destination ends: the due date of the timer. The person has the window in
     * full from being told: when their notice was delivered later than the window's opening allowed
     * for (a failure an operator fixed, say), the end moves to the delivery plus the window's length
     * ({@code FEAR_CLAIM_WINDOW_EXTENDED}); it never moves earlier, and the same delivery moves it once.
     */
    public Date endsAt(DelegateExecution execution) {
        Window window = window(execution);
        Instant endsAt = window.endsAt();
        Optional<Instant> told = windows.personToldAt(window.caseId());
        if (told.isPresent() && !window.closed()) {
            Duration length = window.localOverride() != null ? Duration.parse(window.localOverride())
                    : Duration.ofHours(window.hours());
            Instant inFull = told.get().plus(length);
            if (inFull.isAfter(endsAt) && windows.extend(window.caseId(), window.destinationCountry(), inFull)) {
                caseStates.note(execution, "FEAR_CLAIM_WINDOW_EXTENDED", "destination=" + window.destinationCountry()
                        + "; toldAt=" + told.get() + "; windowEndsAt=" + inFull + " (was " + endsAt + ")");
                endsAt = inFull;
            }
        }
        return Date.from(endsAt);
    }

    /**
     * The window has ended: it is closed in the records ({@code FEAR_CLAIM_WINDOW_CLOSED}).
     *
     * @throws IllegalStateException when it has not ended by the engine's clock: the timer job fails
     *                               and Cockpit shows an incident, rather than a booking before its end
     */
    public void close(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        Window window = window(execution);
        if (window.closed()) {
            return;
        }
        Instant now = CaseVariables.now();
        if (!windows.close(caseId, window.destinationCountry(), now)) {
            throw new IllegalStateException("The fear-claim window of case " + caseId + " for "
                    + window.destinationCountry() + " ends at " + window.endsAt() + ", not before");
        }
        caseStates.note(execution, "FEAR_CLAIM_WINDOW_CLOSED", "destination=" + window.destinationCountry()
                + "; openedAt=" + window.openedAt() + "; windowEndsAt=" + window.endsAt());
    }

    private Window window(DelegateExecution execution) {
        UUID caseId = CaseVariables.caseOf(execution);
        String destination = destination(execution);
        return windows.of(caseId, destination).orElseThrow(() -> new IllegalStateException(
                "Case " + caseId + " has no fear-claim window for " + destination));
    }

    private static String destination(DelegateExecution execution) {
        return CaseVariables.required(execution, Var.DESTINATION_COUNTRY);
    }
}
