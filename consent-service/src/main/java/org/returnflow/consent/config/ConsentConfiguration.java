package org.returnflow.consent.config;

import org.returnflow.consent.domain.ConsentPolicy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The consent rules, the clock they read and the scheduled expiry. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(ConsentProperties.class)
class ConsentConfiguration {

    @Bean
    ConsentPolicy consentPolicy(ConsentProperties properties) {
        return new ConsentPolicy(properties.getReviewAfterDays());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
