package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.util.List;

/** Who completes a review task: always the authenticated Camunda user, never a form field. */
final class Reviewers {

    private Reviewers() {
    }

    /**
     * The authenticated user completing the task, who must belong to the group.
     *
     * @throws ReviewRefused when nobody is authenticated or the user is not in the group
     */
    static String authenticatedMemberOf(DelegateTask task, String group) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new ReviewRefused(task.getName() + " must be completed by an authenticated user");
        }
        List<String> groups = authentication.getGroupIds();
        if (groups == null || !groups.contains(group)) {
            throw new ReviewRefused(task.getName() + " must be completed by a member of the group '" + group
                    + "'; " + authentication.getUserId() + " is not");
        }
        return authentication.getUserId();
    }

    static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null ? "" : value.toString().trim();
    }
}
