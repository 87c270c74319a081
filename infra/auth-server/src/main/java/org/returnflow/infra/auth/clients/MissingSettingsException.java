package org.returnflow.infra.auth.clients;

import java.util.List;

/** Settings the server cannot start without; a failure analyser turns it into a clear startup message. */
public class MissingSettingsException extends RuntimeException {

    private final List<String> variables;
    private final String action;

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
