package org.returnflow.workflow.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets the job executor find due jobs through an index instead of reading every job.
 *
 * <p>Each case waits on timers that fall due hours or days later (reply and consent timeouts,
 * reminders), so {@code ACT_RU_JOB} holds a few timers per open case, and Camunda's acquisition
 * query ({@code duedate is null or duedate <= now}) read all of them on every acquisition: 0.8 ms
 * with 1,500 open timers, and it grows with every case an operation keeps waiting. Here every job
 * gets a due date ({@code ensureJobDueDateNotNull}, an async continuation is due at once), the
 * executor acquires by due date, and an index on {@code DUEDATE_} lets PostgreSQL read only the
 * jobs that are due.
 *
 * <p>After the engine has created or updated its schema, the index is created if it is missing, and
 * jobs written before this setting (without a due date, which acquisition by due date would never
 * find) are made due now.
 */
@Component
public class DueDateJobAcquisition extends AbstractProcessEnginePlugin {

    static final String INDEX = "rf_idx_job_duedate";

    private static final Logger log = LoggerFactory.getLogger(DueDateJobAcquisition.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnsureJobDueDateNotNull(true);
        configuration.setJobExecutorAcquireByDueDate(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        jdbc.execute("create index if not exists " + INDEX + " on " + table + " (DUEDATE_)");
        int undated = jdbc.update("update " + table + " set DUEDATE_ = now() where DUEDATE_ is null");
        if (undated > 0) {
            log.info("{} job(s) written without a due date are due now", undated);
        }
    }
}
