package org.returnflow.platform.config;

import org.returnflow.platform.settings.UnresolvedPlaceholders;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/** Every secret fails closed: a setting whose variable is unset and has no default stops the start. */
@AutoConfiguration
public class SettingsAutoConfiguration {

    @Bean
    static UnresolvedPlaceholders returnflowUnresolvedPlaceholders(ConfigurableEnvironment environment) {
        return new UnresolvedPlaceholders(environment);
    }
}
