package org.returnflow.workflow.identity;

import org.returnflow.workflow.process.ProcessConstants.Group;

/** The Camunda groups and their display names. */
final class Groups {

    static final String OPERATORS = Group.OPERATORS;
    static final String LEGAL_REVIEW = Group.LEGAL_REVIEW;
    static final String SUPERVISORS = Group.SUPERVISORS;

    /** Group ids may contain a hyphen ({@code legal-review}); Camunda's default pattern refuses it. */
    static final String GROUP_ID_PATTERN = "[a-zA-Z0-9-]+|camunda-admin";

    private Groups() {
    }

    static String name(String id) {
        return switch (id) {
            case OPERATORS -> "Operators";
            case LEGAL_REVIEW -> "Legal review";
            case SUPERVISORS -> "Supervisors";
            default -> id;
        };
    }
}
