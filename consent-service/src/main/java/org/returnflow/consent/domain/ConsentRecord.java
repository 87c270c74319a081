package org.returnflow.consent.domain;

import java.util.List;

/** A consent request with its whole history: its decision and withdrawal rows, oldest first. */
public record ConsentRecord(ConsentRequest request, List<ConsentDecision> decisions,
                            List<ConsentWithdrawal> withdrawals) {

    public ConsentRecord {
        decisions = List.copyOf(decisions);
        withdrawals = List.copyOf(withdrawals);
    }
}
