package org.returnflow.detention.domain;

import java.util.List;

/** The outcome of an eligibility assessment: eligible exactly when nothing blocks. */
public record Eligibility(List<Blocker> blockers) {

    public Eligibility {
        blockers = List.copyOf(blockers);
    }

    public boolean eligible() {
        return blockers.isEmpty();
    }
}
