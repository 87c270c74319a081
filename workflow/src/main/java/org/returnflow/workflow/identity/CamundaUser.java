package org.returnflow.workflow.identity;

import org.returnflow.platform.settings.MissingSettingsException;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A webapp user that Returnflow creates, with the group it belongs to. Its password comes from the
 * environment variable {@code CAMUNDA_<ID>_PASSWORD}; only the {@code local} profile falls back to
 * the user id, documented in the README. Anywhere else a missing password stops the start-up.
 */
public record CamundaUser(String id, String firstName, String lastName, String group, String password) {

    /** The users of issue 3: one operator, two legal reviewers, one supervisor. */
    static final List<CamundaUser> DEFINED = List.of(
            new CamundaUser("operator1", "Operator", "One", Groups.OPERATORS, null),
            new CamundaUser("reviewer1", "Reviewer", "One", Groups.LEGAL_REVIEW, null),
            new CamundaUser("reviewer2", "Reviewer", "Two", Groups.LEGAL_REVIEW, null),
            new CamundaUser("supervisor1", "Supervisor", "One", Groups.SUPERVISORS, null));

    public static String passwordVariable(String userId) {
        return "CAMUNDA_" + userId.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    /**
     * The defined users with their passwords.
     *
     * @throws MissingSettingsException naming every variable that is missing outside the local profile
     */
    public static List<CamundaUser> fromEnvironment(Environment environment) {
        boolean local = environment.acceptsProfiles(Profiles.of("local"));
        List<String> missing = new ArrayList<>();
        List<CamundaUser> users = DEFINED.stream().map(user -> {
            String password = environment.getProperty(passwordVariable(user.id()));
            if (password == null || password.isBlank()) {
                missing.add(passwordVariable(user.id()));
                password = user.id();
            }
            return new CamundaUser(user.id(), user.firstName(), user.lastName(), user.group(), password);
        }).toList();
        if (!missing.isEmpty() && !local) {
            throw new MissingSettingsException(missing.size() + " of the " + DEFINED.size()
                    + " Camunda users have no password. Set these environment variables", missing,
                    MissingSettingsException.LOCAL_HINT);
        }
        return users;
    }

    @Override
    public String toString() {
        return "CamundaUser[" + id + ", group=" + group + "]";
    }
}
