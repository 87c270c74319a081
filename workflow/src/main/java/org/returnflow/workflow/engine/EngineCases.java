package org.returnflow.workflow.engine;

import org.returnflow.workflow.process.ProcessConstants;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which case an engine object belongs to, read straight from the engine's tables, so that it can be
 * answered for any user (the engine's own queries would check that user's authorisations). The
 * business key of a removal case, and of the review of a monitor's finding about it, is its caseId;
 * that of {@code return-facilitation} is a remedy's id.
 */
@Component
public class EngineCases {

    /**
     * An open user task, the Camunda Form it declares, and what it belongs to: a removal case
     * ({@code caseId}) or a remedy ({@code remedyId}, process {@code return-facilitation}); the other
     * is null.
     */
    public record OpenTask(String id, String name, UUID caseId, String formRef, UUID remedyId) {
    }

    private final JdbcTemplate jdbc;
    private final ProcessEngineConfigurationImpl engine;
    private final Map<String, String> formRefs = new ConcurrentHashMap<>();

    public EngineCases(JdbcTemplate jdbc, ProcessEngine engine) {
        this.jdbc = jdbc;
        this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    public Optional<OpenTask> openTask(String taskId) {
        return jdbc.query("select t.id_, t.name_, t.task_def_key_, t.proc_def_id_, p.business_key_, d.key_ from act_ru_task t "
                        + "left join act_ru_execution p on p.id_ = t.proc_inst_id_ "
                        + "left join act_re_procdef d on d.id_ = t.proc_def_id_ where t.id_ = ?",
                (rs, n) -> {
                    boolean remedy = ProcessConstants.REMEDY_PROCESS_KEY.equals(rs.getString(6));
                    UUID key = uuid(rs.getString(5));
                    return new OpenTask(rs.getString(1), rs.getString(2), remedy ? null : key,
                            formRef(rs.getString(4), rs.getString(3)), remedy ? key : null);
                }, taskId).stream().findFirst();
    }

    public Optional<UUID> caseOfProcessInstance(String processInstanceId) {
        return first("select business_key_ from act_hi_procinst where id_ = ? and proc_def_key_ <> '"
                + ProcessConstants.REMEDY_PROCESS_KEY + "'", processInstanceId);
    }

    public Optional<UUID> caseOfExecution(String executionId) {
        return first("select p.business_key_ from act_ru_execution e join act_ru_execution p on p.id_ = e.proc_inst_id_ "
                + "join act_re_procdef d on d.id_ = p.proc_def_id_ where e.id_ = ? and d.key_ <> '"
                + ProcessConstants.REMEDY_PROCESS_KEY + "'", executionId);
    }

    /** The case whose business key this is, if a removal case has it. */
    public Optional<UUID> caseOfBusinessKey(String businessKey) {
        UUID caseId = uuid(businessKey);
        return caseId == null ? Optional.empty()
                : first("select case_id::text from removal_case where case_id = ?", caseId);
    }

    private Optional<UUID> first(String sql, Object arg) {
        return jdbc.queryForList(sql, String.class, arg).stream().map(EngineCases::uuid)
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** The form a user task declares, from its process definition's model (the deployment cache, unchecked). */
    private String formRef(String processDefinitionId, String taskKey) {
        if (processDefinitionId == null || taskKey == null) {
            return null;
        }
        return formRefs.computeIfAbsent(processDefinitionId + "#" + taskKey, key -> {
            BpmnModelInstance model = engine.getCommandExecutorTxRequired().execute(context ->
                    context.getProcessEngineConfiguration().getDeploymentCache()
                            .findBpmnModelInstanceForProcessDefinition(processDefinitionId));
            return model.getModelElementById(taskKey) instanceof UserTask task ? task.getCamundaFormRef() : "";
        });
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notACase) {
            return null;
        }
    }
}
