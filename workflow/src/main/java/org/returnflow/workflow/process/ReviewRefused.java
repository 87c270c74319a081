package org.returnflow.workflow.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A legal review or supervisor approval that the safeguards do not allow. Thrown from the task's
 * complete listener, it rolls the completion back, so the task stays open. The engine REST API
 * wraps it; the task-completion guard finds {@link #MARKER} in the engine's answer and turns it into
 * a 422 problem with this message, and Tasklist shows it.
 */
public class ReviewRefused extends BadUserRequestException {

    /** Begins every refusal's message, so that it is recognised in the engine's error answer. */
    public static final String MARKER = "Refused by the safeguards: ";

    public ReviewRefused(String reason) {
        super(MARKER + reason);
    }

    /** The reason, without the marker. */
    public String reason() {
        return getMessage().substring(MARKER.length());
    }
}
