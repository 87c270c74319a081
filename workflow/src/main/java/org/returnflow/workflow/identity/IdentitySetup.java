package org.returnflow.workflow.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.returnflow.workflow.process.ProcessConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates, when missing, the Camunda groups, users, authorisations and Tasklist filters that fit
 * each role (issue 3). Authorisation checks are on, so:
 * <ul>
 *   <li>all three groups may log into Tasklist; operators also into Cockpit, where they read the
 *   removal cases, their history and incidents, and may retry a failed job. Nobody in these groups
 *   may update or modify an instance, set its variables or correlate a message;</li>
 *   <li>reviewers and supervisors see their group's tasks through a saved filter they may read; the
 *   engine grants a group a task only while it is the task's candidate group, so a reviewer cannot
 *   complete a supervisor approval.</li>
 * </ul>
 * The admin user comes from {@code camunda.bpm.admin-user}. Passwords are checked at construction,
 * so a missing one stops the start-up with the variable's name.
 */
@Component
public class IdentitySetup {

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
    static final String LEGAL_REVIEW_FILTER = "Legal review";
    static final String SUPERVISOR_FILTER = "Supervisor approval";
    static final String OPERATOR_FILTER = "Operator tasks";

    private final ProcessEngine engine;
    private final List<CamundaUser> users;

    @Autowired
    public IdentitySetup(ProcessEngine engine, Environment environment) {
        this(engine, CamundaUser.fromEnvironment(environment));
    }

    IdentitySetup(ProcessEngine engine, List<CamundaUser> users) {
        this.engine = engine;
        this.users = users;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        apply();
    }

    /** Idempotent: creates only what is missing. */
    public void apply() {
        IdentityService identity = engine.getIdentityService();
        for (String groupId : List.of(Groups.OPERATORS, Groups.LEGAL_REVIEW, Groups.SUPERVISORS)) {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName(Groups.name(groupId));
                group.setType("WORKFLOW");
                identity.saveGroup(group);
                log.info("Created Camunda group {}", groupId);
            }
        }
        for (CamundaUser camundaUser : users) {
            if (identity.createUserQuery().userId(camundaUser.id()).count() == 0) {
                User user = identity.newUser(camundaUser.id());
                user.setFirstName(camundaUser.firstName());
                user.setLastName(camundaUser.lastName());
                user.setPassword(camundaUser.password());
                identity.saveUser(user);
                log.info("Created Camunda user {}", camundaUser.id());
            }
            if (identity.createUserQuery().userId(camundaUser.id()).memberOfGroup(camundaUser.group()).count() == 0) {
                identity.createMembership(camundaUser.id(), camundaUser.group());
            }
        }

        for (String groupId : List.of(Groups.OPERATORS, Groups.LEGAL_REVIEW, Groups.SUPERVISORS)) {
            grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(groupId, Resources.PROCESS_DEFINITION, ProcessConstants.PROCESS_KEY, Permissions.READ);
            grant(groupId, Resources.PROCESS_DEFINITION, ProcessConstants.REMEDY_PROCESS_KEY, Permissions.READ);
            grant(groupId, Resources.PROCESS_DEFINITION, ProcessConstants.FINDING_REVIEW_PROCESS_KEY, Permissions.READ);
            // Camunda Forms are read from the deployment
            grant(groupId, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        }
        grant(Groups.OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        // Operators watch and retry; they never update, modify, migrate or correlate (no UPDATE_INSTANCE).
        // Operators watch and retry; with enforceSpecificVariablePermission they also need the right to read
        // variables (ids and codes only) to see them in Cockpit and the engine's history.
        for (String key : List.of(ProcessConstants.PROCESS_KEY, ProcessConstants.REMEDY_PROCESS_KEY,
                ProcessConstants.FINDING_REVIEW_PROCESS_KEY)) {
            grant(Groups.OPERATORS, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
                    ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                    ProcessDefinitionPermissions.RETRY_JOB);
        }
        grant(Groups.OPERATORS, Resources.PROCESS_INSTANCE, Authorization.ANY, ProcessInstancePermissions.READ,
                ProcessInstancePermissions.RETRY_JOB);
        grant(Groups.OPERATORS, Resources.DECISION_DEFINITION, ProcessConstants.DECISION_KEY, Permissions.READ,
                Permissions.READ_HISTORY);

        filter(LEGAL_REVIEW_FILTER, Groups.LEGAL_REVIEW, 10, "Legal reviews of removal cases with blockers");
        filter(SUPERVISOR_FILTER, Groups.SUPERVISORS, 20, "Four-eyes approvals of legal reviews that proceed past an overridable blocker");
        filter(OPERATOR_FILTER, Groups.OPERATORS, 30, "Notices that could not be delivered");
    }

    private void filter(String name, String groupId, int priority, String description) {
        FilterService filters = engine.getFilterService();
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
            filter.setOwner(null);
            filter.setQuery(engine.getTaskService().createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", description);
            properties.put("priority", priority);
            properties.put("refresh", true);
            filter.setProperties(properties);
            filters.saveFilter(filter);
            log.info("Created Tasklist filter '{}' for group {}", name, groupId);
        }
        grant(groupId, Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        // Exactly these permissions: a right an earlier version granted (UPDATE_INSTANCE) is taken away.
        int wanted = 0;
        for (Permission permission : permissions) {
            wanted |= permission.getValue();
        }
        if (existing == null || ((AuthorizationEntity) existing).getPermissions() != wanted) {
            authorization.setPermissions(permissions);
            authorizations.saveAuthorization(authorization);
        }
    }
}
