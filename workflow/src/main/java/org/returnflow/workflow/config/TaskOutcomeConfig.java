package org.returnflow.workflow.config;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.returnflow.workflow.engine.TaskForms;
import org.returnflow.workflow.engine.TaskOutcomeHistory;
import org.returnflow.workflow.process.CaseJournal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/** Every person's task completion goes into the case history with its answer ({@link TaskOutcomeHistory}). */
@Configuration(proxyBeanMethods = false)
class TaskOutcomeConfig {

    @Bean
    AbstractProcessEnginePlugin taskOutcomes(CaseJournal journal, TaskForms forms) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                List<BpmnParseListener> listeners = new ArrayList<>();
                if (configuration.getCustomPostBPMNParseListeners() != null) {
                    listeners.addAll(configuration.getCustomPostBPMNParseListeners());
                }
                listeners.add(new TaskOutcomeHistory(journal, forms));
                configuration.setCustomPostBPMNParseListeners(listeners);
            }
        };
    }
}
