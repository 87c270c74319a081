package org.returnflow.workflow.process;

/**
 * Where the process {@code return-facilitation} reports what happens on the way back: the remedy's
 * own history, beside the removal case's, which stays as it was.
 */
public interface RemedyJournal {

    /**
     * A task's outcome, a status report, an escalation.
     *
     * @param remedyId the business key of the process
     * @param actor    a Camunda user id, or {@code system}
     * @param kind     an upper-case code such as {@code TASK_COMPLETED}
     * @param detail   codes, dates and references, never a name
     */
    void record(String remedyId, String actor, String kind, String detail);

    /** The person is back: the remedy is RETURNED. */
    void returned(String remedyId, String actor);
}
