package org.returnflow.workflow.process;

import org.returnflow.contracts.workflow.CaseState;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Keeps the state changes and decisions the process reports. */
class CapturingJournal implements CaseJournal {

    record Entry(String caseId, String kind, String actor, String detail) {
    }

    final List<Entry> entries = new ArrayList<>();

    @Override
    public void stateChanged(String caseId, CaseState state, String actor, String detail) {
        entries.add(new Entry(caseId, "STATE_" + state.name(), actor, detail));
    }

    @Override
    public void record(String caseId, String actor, String kind, String detail) {
        entries.add(new Entry(caseId, kind, actor, detail));
    }

    @Override
    public void factsChanged(UUID caseId) {
        entries.add(new Entry(caseId.toString(), "FACTS_CHANGED", "system", null));
    }

    List<String> states() {
        return entries.stream().filter(e -> e.kind().startsWith("STATE_")).map(e -> e.kind().substring(6)).toList();
    }

    List<Entry> of(String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).toList();
    }
}
