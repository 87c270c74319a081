package org.returnflow.platform.messaging;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;

/**
 * Migrates the platform's own tables (outbox, processed messages) under a separate Flyway
 * history table, so that they never clash with the numbering of a service's migrations.
 * Baselining at version 0 lets it run on a schema that already holds the service's tables.
 */
public class PlatformSchema implements InitializingBean {

    private final DataSource dataSource;

    public PlatformSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .table("platform_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
