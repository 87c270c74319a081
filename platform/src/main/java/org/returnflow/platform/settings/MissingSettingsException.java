package org.returnflow.platform.settings;

import java.util.List;

/**
 * Settings a Returnflow application cannot start without, such as a secret that has a default only
 * in the {@code local} profile. {@link MissingSettingsFailureAnalyzer} turns it into an "APPLICATION
 * FAILED TO START" message that names the environment variables to set, without a stack trace.
 */
public class MissingSettingsException extends RuntimeException {

    /** What to do, printed under "Action:". */
    public static final String LOCAL_HINT = "Set each variable in the environment of the process. For a local run, "
            + "start with SPRING_PROFILES_ACTIVE=local, which has development defaults (see docs/DEVELOPING.md).";

    private final List<String> variables;
    private final String action;

    /**
     * @param description what is missing; the variables are appended after a colon
     * @param variables   the environment variables to set
     * @param action      what to do
     */
    public MissingSettingsException(String description, List<String> variables, String action) {
        super(description + (variables.isEmpty() ? "" : ": " + String.join(", ", variables)));
        this.variables = List.copyOf(variables);
        this.action = action;
    }

    /** The environment variables to set. */
    public List<String> variables() {
        return variables;
    }

    public String action() {
        return action;
    }
}
