package org.returnflow.workflow.identity;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.returnflow.platform.settings.MissingSettingsException;
import org.returnflow.workflow.process.TestEngine;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Camunda users, groups, authorisations and filters of issue 3, with authorisation checks on. */
class IdentitySetupTest {

    static ProcessEngine engine;

    @BeforeAll
    static void buildEngine() {
        StandaloneProcessEngineConfiguration configuration = TestEngine.configuration("identity_setup");
        configuration.setAuthorizationEnabled(true);
        configuration.setProcessEnginePlugins(List.of(new GroupIdPatternPlugin()));
        engine = configuration.buildProcessEngine();
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        IdentitySetup setup = new IdentitySetup(engine, local);
        setup.apply();
        setup.apply(); // idempotent
        engine.getRepositoryService().createDeployment().addModelInstance("approval.bpmn",
                Bpmn.createExecutableProcess("removal-case").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("UserTask_LegalReview").camundaCandidateGroups("legal-review")
                        .userTask("UserTask_SupervisorApproval").camundaCandidateGroups("supervisors")
                        .endEvent().done()).deploy();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @AfterEach
    void logout() {
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void createsTheGroupsAndUsersWithLocalPasswords() {
        assertThat(engine.getIdentityService().createGroupQuery().list()).extracting(g -> g.getId())
                .contains("operators", "legal-review", "supervisors");
        assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("legal-review").list())
                .extracting(u -> u.getId()).containsExactlyInAnyOrder("reviewer1", "reviewer2");
        assertThat(engine.getIdentityService().checkPassword("supervisor1", "supervisor1")).isTrue();
        assertThat(engine.getIdentityService().checkPassword("operator1", "wrong")).isFalse();
    }

    @Test
    void aMissingPasswordOutsideTheLocalProfileStopsTheStart() {
        MockEnvironment production = new MockEnvironment().withProperty("CAMUNDA_OPERATOR1_PASSWORD", "s3cret");
        assertThatThrownBy(() -> CamundaUser.fromEnvironment(production))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("CAMUNDA_REVIEWER1_PASSWORD, CAMUNDA_REVIEWER2_PASSWORD, CAMUNDA_SUPERVISOR1_PASSWORD")
                .hasMessageNotContaining("CAMUNDA_OPERATOR1_PASSWORD");
        assertThat(CamundaUser.fromEnvironment(production.withProperty("CAMUNDA_REVIEWER1_PASSWORD", "a")
                .withProperty("CAMUNDA_REVIEWER2_PASSWORD", "b").withProperty("CAMUNDA_SUPERVISOR1_PASSWORD", "c")))
                .extracting(CamundaUser::password).containsExactly("s3cret", "a", "b", "c");
    }

    @Test
    void rolesGetTheirApplicationsAndFilters() {
        var authorizations = engine.getAuthorizationService();
        assertThat(authorizations.isUserAuthorized("reviewer1", List.of("legal-review"), Permissions.ACCESS,
                Resources.APPLICATION, "tasklist")).isTrue();
        assertThat(authorizations.isUserAuthorized("reviewer1", List.of("legal-review"), Permissions.ACCESS,
                Resources.APPLICATION, "cockpit")).isFalse();
        assertThat(authorizations.isUserAuthorized("operator1", List.of("operators"), Permissions.ACCESS,
                Resources.APPLICATION, "cockpit")).isTrue();
        assertThat(authorizations.isUserAuthorized("operator1", List.of("operators"), Permissions.READ_HISTORY,
                Resources.PROCESS_DEFINITION, "removal-case")).isTrue();

        engine.getIdentityService().setAuthentication("reviewer1", List.of("legal-review"));
        assertThat(engine.getFilterService().createFilterQuery().list()).extracting(Filter::getName)
                .containsExactly("Legal review");
        engine.getIdentityService().setAuthentication("supervisor1", List.of("supervisors"));
        assertThat(engine.getFilterService().createFilterQuery().list()).extracting(Filter::getName)
                .containsExactly("Supervisor approval");
    }

    @Test
    void aReviewerCannotCompleteASupervisorApproval() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("removal-case").getId();
        Task review = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();

        engine.getIdentityService().setAuthentication("reviewer1", List.of("legal-review"));
        Filter legalReview = engine.getFilterService().createFilterQuery().filterName("Legal review").singleResult();
        assertThat(engine.getFilterService().<Task>list(legalReview.getId())).extracting(Task::getId).containsExactly(review.getId());
        engine.getTaskService().complete(review.getId());

        Task approval = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(approval).as("the reviewer does not even see the approval").isNull();
        engine.getIdentityService().clearAuthentication();
        Task approvalAsAdmin = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        engine.getIdentityService().setAuthentication("reviewer1", List.of("legal-review"));
        assertThatThrownBy(() -> engine.getTaskService().complete(approvalAsAdmin.getId()))
                .isInstanceOf(AuthorizationException.class);

        engine.getIdentityService().setAuthentication("supervisor1", List.of("supervisors"));
        engine.getTaskService().complete(approvalAsAdmin.getId());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    }
}
