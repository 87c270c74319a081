package org.returnflow.consent.api;

import org.returnflow.consent.domain.ConsentDecision;
import org.returnflow.consent.domain.ConsentRecord;
import org.returnflow.consent.domain.ConsentRequest;
import org.returnflow.consent.domain.ConsentStatus;
import org.returnflow.consent.domain.ConsentWithdrawal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A consent request as an agency reads it: what it was opened with, where it stands, and its
 * whole history, oldest first.
 *
 * @param reviewRequired whether the consent given must be reviewed (long detention); null before a decision
 */
record ConsentView(UUID id, UUID caseId, UUID detaineeId, String preferredLanguage, LocalDate detainedSince,
                   Instant dueBy, ConsentStatus status, Boolean reviewRequired, List<HistoryEntry> history) {

    /**
     * One step of the history: who recorded it and when, and what it recorded.
     *
     * @param event      REQUESTED, GIVEN, DECLINED, WITHDRAWN or EXPIRED
     * @param recordedBy the authenticated client (or, for REQUESTED, the sending service)
     * @param reason     why consent was withdrawn; left out for partner reads
     */
    record HistoryEntry(String event, Instant at, String recordedBy, String officer, String language,
                        String interpreter, String evidenceSha256, Integer daysInDetention, Boolean reviewRequired,
                        String reason) {
    }

    static ConsentView of(ConsentRecord record, boolean partner) {
        ConsentRequest r = record.request();
        List<HistoryEntry> history = new ArrayList<>();
        history.add(new HistoryEntry("REQUESTED", r.requestedAt(), r.requestedBy(), null, null, null, null, null,
                null, null));
        Boolean reviewRequired = null;
        for (ConsentDecision d : record.decisions()) {
            history.add(new HistoryEntry(d.decision().name(), d.decidedAt(), d.recordedBy(), d.officer(),
                    d.language(), d.interpreter(), d.evidenceSha256(), d.daysInDetention(), d.reviewRequired(),
                    null));
            reviewRequired = d.reviewRequired();
        }
        for (ConsentWithdrawal w : record.withdrawals()) {
            history.add(new HistoryEntry("WITHDRAWN", w.withdrawnAt(), w.recordedBy(), null, null, null, null, null,
                    null, partner ? null : w.reason()));
        }
        if (r.expiredAt() != null) {
            history.add(new HistoryEntry("EXPIRED", r.expiredAt(), "consent-service", null, null, null, null, null,
                    null, null));
        }
        history.sort(Comparator.comparing(HistoryEntry::at));
        return new ConsentView(r.id(), r.caseId(), r.detaineeId(), r.preferredLanguage(), r.detainedSince(),
                r.dueBy(), r.status(), reviewRequired, List.copyOf(history));
    }
}
