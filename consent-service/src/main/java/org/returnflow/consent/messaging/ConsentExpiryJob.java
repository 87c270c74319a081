package org.returnflow.consent.messaging;

import org.returnflow.consent.config.ConsentProperties;
import org.returnflow.consent.domain.ConsentRegister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code returnflow.consent.expiry-check-interval}, turns pending requests past their dueBy
 * into EXPIRED and publishes ConsentExpired, in batches, until none is left.
 */
@Component
class ConsentExpiryJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ConsentExpiryJob.class);

    private final ConsentRegister register;
    private final ConsentProperties properties;

    ConsentExpiryJob(ConsentRegister register, ConsentProperties properties) {
        this.register = register;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::expireOverdue, properties.getExpiryCheckInterval());
    }

    void expireOverdue() {
        try {
            int batch = properties.getExpiryBatchSize();
            int expired;
            do {
                expired = register.expireOverdue(batch);
            } while (expired == batch);
        } catch (RuntimeException e) {
            log.warn("Expiry check failed; it runs again in {}: {}", properties.getExpiryCheckInterval(),
                    e.toString());
        }
    }
}
