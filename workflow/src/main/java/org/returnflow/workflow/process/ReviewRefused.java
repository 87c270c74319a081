package org.returnflow.workflow.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A legal review or supervisor approval that the safeguards do not allow. Thrown from the task's
 * complete listener, it rolls the completion back, so the task stays open; the engine REST API
 * answers 400 with this message and Tasklist shows it.
 */
public class ReviewRefused extends BadUserRequestException {

    public ReviewRefused(String message) {
        super(message);
    }
}
