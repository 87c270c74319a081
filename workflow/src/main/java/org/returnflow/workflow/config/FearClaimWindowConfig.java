package org.returnflow.workflow.config;

import org.returnflow.workflow.process.FearClaimWindowSettings;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Checks the fear-claim window override before any bean is made, so a workflow started outside the
 * {@code local} profile with {@code RETURNFLOW_FEAR_CLAIM_WINDOW_OVERRIDE} set stops at once, naming
 * it, before the engine touches a database or a timer.
 */
@Configuration(proxyBeanMethods = false)
class FearClaimWindowConfig {

    @Bean
    static BeanFactoryPostProcessor fearClaimWindowOverrideCheck(Environment environment) {
        return beanFactory -> FearClaimWindowSettings.overrideIn(environment);
    }
}
