package org.returnflow.workflow.domain;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which engine failures of a withdrawal, suspension or resumption mean "another transaction changed
 * this instance first, try again" and which are real faults to report.
 */
class CaseControlConflictTest {

    @Test
    void anOptimisticLockIsAConcurrentChange() {
        assertThat(CaseControl.concurrentChange(new OptimisticLockingException("ENGINE-03005 entity was updated"))).isTrue();
    }

    @Test
    void aChildExecutionCommittedMeanwhileIsAConcurrentChange() {
        // As PostgreSQL's driver reports a batch delete that a concurrent insert broke: the batch's state
        // may be generic, and the statement's own error follows as its next exception.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        batch.setNextException(new SQLException("violates foreign key constraint act_fk_exe_parent", "23503"));
        ProcessEngineException engine = new ProcessEngineException("ENGINE-03004 DELETE ExecutionEntity",
                new RuntimeException("flush", batch));

        assertThat(CaseControl.concurrentChange(engine)).isTrue();
    }

    @Test
    void otherEngineFailuresAreNotRetried() {
        assertThat(CaseControl.concurrentChange(new ProcessEngineException("ENGINE-09005 could not parse"))).isFalse();
        assertThat(CaseControl.concurrentChange(new ProcessEngineException("insert",
                new SQLException("duplicate key", "23505")))).isFalse();
    }
}
