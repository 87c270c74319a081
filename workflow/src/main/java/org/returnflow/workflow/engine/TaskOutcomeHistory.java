package org.returnflow.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.returnflow.workflow.process.CaseJournal;

import java.util.Set;
import java.util.StringJoiner;

/**
 * Writes the outcome of a person's task to the case history: who completed it and what they
 * answered, the values of the form's fields (S8). It is attached, while the model is parsed, to
 * every user task that has no task listener of its own in the model; the tasks that do (Legal
 * review, Supervisor approval) record their decision themselves, with the same user and their
 * justification. Today this is the operators' <i>Resolve the failed notice</i>, whose answer is
 * the form field {@code resolution}.
 *
 * <p>The user is the authenticated engine user ({@code operator1}), never a form field. Once
 * recorded, the answer fields are removed from the case, so that a later completion that leaves a
 * field out records it as missing instead of repeating an earlier answer.
 */
public class TaskOutcomeHistory extends AbstractBpmnParseListener implements TaskListener {

    static final String KIND = "TASK_COMPLETED";
    static final String MISSING = "(not given)";

    private final CaseJournal journal;
    private final TaskForms forms;

    public TaskOutcomeHistory(CaseJournal journal, TaskForms forms) {
        this.journal = journal;
        this.forms = forms;
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
            TaskDefinition task = behavior.getTaskDefinition();
            if (task.getTaskListeners().isEmpty()) {
                task.addTaskListener(EVENTNAME_COMPLETE, this);
            }
        }
    }

    @Override
    public void notify(DelegateTask task) {
        String businessKey = task.getExecution().getProcessBusinessKey();
        if (businessKey == null) {
            return;
        }
        UserTask model = task.getBpmnModelElementInstance();
        String formRef = model == null ? null : model.getCamundaFormRef();
        Set<String> fields = formRef == null ? Set.of() : forms.fields(formRef).orElse(Set.of());
        Set<String> answers = formRef == null ? Set.of() : forms.answers(formRef);
        StringJoiner detail = new StringJoiner("; ", "'" + task.getName() + "'" + (fields.isEmpty() ? "" : ": "), "");
        // Shown fields first, the answers last: a long answer is what gets cut at the history's length.
        fields.stream().filter(field -> !answers.contains(field)).forEach(field -> detail.add(field + "=" + value(task, field)));
        answers.forEach(field -> detail.add(field + "=" + value(task, field)));
        journal.record(businessKey, user(task), KIND, detail.toString());
        answers.forEach(task::removeVariable);
    }

    private static String value(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null || value.toString().isBlank() ? MISSING : value.toString().trim();
    }

    private static String user(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? "system" : authentication.getUserId();
    }
}
