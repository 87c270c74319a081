package org.returnflow.detention.api;

import org.returnflow.platform.audit.AuditLog;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's real AuditLog over a mocked JdbcTemplate: slice tests see its real purpose rule
 * (a partner without ?purpose= gets 400) and can verify what it would write.
 */
@TestConfiguration
class AuditLogWithMockedStore {

    @Bean
    AuditLog auditLog(JdbcTemplate auditJdbc) {
        return new AuditLog(auditJdbc);
    }
}
