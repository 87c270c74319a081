package org.returnflow.workflow.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Lets group ids contain a hyphen ({@code legal-review}), which Camunda's default resource
 * whitelist refuses. Same effect as
 * {@code camunda.bpm.generic-properties.properties.group-resource-whitelist-pattern}.
 */
@Component
public class GroupIdPatternPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setGroupResourceWhitelistPattern(Groups.GROUP_ID_PATTERN);
    }
}
