package org.returnflow.workflow.process;

import org.returnflow.contracts.workflow.CaseState;

import java.util.UUID;

/**
 * Where the process reports what happens to a case. The process side (delegates and listeners)
 * calls it; the case records behind it keep the case's current state, append its history (S8)
 * and publish {@code CaseStateChanged} through the outbox, all in the engine's transaction.
 */
public interface CaseJournal {

    /**
     * The case entered a state.
     *
     * @param actor  who caused it: a Camunda user id, a client id, or {@code system}
     * @param detail why, in codes and ids (never a name)
     */
    void stateChanged(String caseId, CaseState state, String actor, String detail);

    /**
     * A decision or fact for the case's history, such as a legal review decision with its
     * justification, a supervisor approval, or a seat released with its reason.
     *
     * @param kind an upper-case code such as {@code LEGAL_REVIEW_DECIDED}
     */
    void record(String caseId, String actor, String kind, String detail);

    /**
     * The process took a fact about the case's safeguards (an eligibility answer, a consent answer,
     * a seat booked or gone): the case read model shows it from the case's records now.
     */
    void factsChanged(UUID caseId);
}
