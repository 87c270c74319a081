package org.returnflow.workflow.process;

import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.flywaydb.core.Flyway;
import org.returnflow.testkit.Infrastructure;

/**
 * A Camunda engine on a fresh real PostgreSQL database that also holds the workflow's own tables
 * (Flyway), with no job executor (tests run jobs and timers themselves), full history, and
 * expressions that resolve beans from {@code Mocks}.
 */
public final class TestEngine {

    private TestEngine() {
    }

    /** The same, recording flow-node coverage for {@code ProcessEngineCoverageExtension}. */
    static StandaloneProcessEngineConfiguration withCoverage(String hint) {
        StandaloneProcessEngineConfiguration configuration = configuration(hint);
        ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
        return configuration;
    }

    public static StandaloneProcessEngineConfiguration configuration(String hint) {
        Infrastructure infrastructure = Infrastructure.get();
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(hint);
        String url = infrastructure.freshDatabase(hint);
        // The workflow's own tables (case records and safeguards), as Flyway makes them in the service.
        Flyway.configure().dataSource(url, infrastructure.postgres().username(), infrastructure.postgres().password())
                .locations("classpath:db/migration").load().migrate();
        configuration.setJdbcUrl(url);
        configuration.setJdbcUsername(infrastructure.postgres().username());
        configuration.setJdbcPassword(infrastructure.postgres().password());
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("full");
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9-]+|camunda-admin");
        return configuration;
    }
}
