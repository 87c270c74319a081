package org.returnflow.platform.config;

import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.audit.AuditVerifyController;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Every service with an audit trail answers {@code GET /api/audit/verify} (scope {@code audit:verify}). */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(AuditLog.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AuditAutoConfiguration {

    @Bean
    AuditVerifyController auditVerifyController(AuditLog audit) {
        return new AuditVerifyController(audit);
    }
}
