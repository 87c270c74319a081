package org.returnflow.workflow.config;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.process.RemedyJournal;
import org.returnflow.workflow.engine.CaseOperationsHistory;
import org.returnflow.workflow.engine.EngineCases;
import org.returnflow.workflow.engine.EngineRequestGuard;
import org.returnflow.workflow.engine.TaskForms;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * What keeps people from rewriting a case through the engine (DESIGN.md "Decisions are records"):
 * <ul>
 *   <li>the engine checks a variable's own permission, so UPDATE on a task or instance does not let
 *   its holder set variables ({@code enforceSpecificVariablePermission});</li>
 *   <li>a candidate of a task may work it (claim, complete) but not update it or its variables
 *   ({@code defaultUserPermissionNameForTask = TASK_WORK});</li>
 *   <li>no query, ad hoc or stored in a Tasklist filter, may carry an expression;</li>
 *   <li>every user operation on a case goes into the case's history ({@link CaseOperationsHistory});</li>
 *   <li>requests to the engine REST API pass {@link EngineRequestGuard}, right after Camunda has
 *   authenticated them.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EngineGuardsConfig {

    /** After Camunda's ProcessEngineAuthenticationFilter (101), so the engine user is known. */
    static final int GUARD_ORDER = 102;

    @Bean
    AbstractProcessEnginePlugin engineGuards(JdbcTemplate jdbc, CaseRecords cases) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setEnforceSpecificVariablePermission(true);
                configuration.setDefaultUserPermissionNameForTask("TASK_WORK");
                configuration.setEnableExpressionsInAdhocQueries(false);
                configuration.setEnableExpressionsInStoredQueries(false);
                List<HistoryEventHandler> handlers = new ArrayList<>();
                if (configuration.getCustomHistoryEventHandlers() != null) {
                    handlers.addAll(configuration.getCustomHistoryEventHandlers());
                }
                handlers.add(new CaseOperationsHistory(jdbc, cases));
                configuration.setCustomHistoryEventHandlers(handlers);
            }
        };
    }

    @Bean
    FilterRegistrationBean<EngineRequestGuard> engineRequestGuard(EngineCases engineCases, TaskForms forms,
                                                                  CaseRecords cases, RemedyJournal remedies,
                                                                  IdentityService identity) {
        FilterRegistrationBean<EngineRequestGuard> registration =
                new FilterRegistrationBean<>(new EngineRequestGuard(engineCases, forms, cases, remedies, identity));
        registration.setName("returnflow-engine-request-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(GUARD_ORDER);
        return registration;
    }
}
