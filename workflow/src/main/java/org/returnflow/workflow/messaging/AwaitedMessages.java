package org.returnflow.workflow.messaging;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BPMN message names that some deployed process definition declares. A reply that no model
 * can ever wait for (for instance {@code FlightArrived}) is recorded in the history but never
 * enters the inbox, where it would only be retried in vain.
 *
 * <p>Models are read once per process definition. A name not seen yet triggers a look at the
 * definitions deployed since; a name that no model declares is not looked up again for
 * {@link #RECHECK_MILLIS}, so that the messages nobody awaits (ConsentRequested, DetaineeRemoved…)
 * cost no query each.
 */
@Component
public class AwaitedMessages {

    private final RepositoryService repository;
    private final Map<String, Set<String>> namesByDefinition = new ConcurrentHashMap<>();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> undeclaredUntil = new ConcurrentHashMap<>();

    /** How long a name that no model declares is taken as undeclared without looking again. */
    static final long RECHECK_MILLIS = 10_000;

    public AwaitedMessages(RepositoryService repository) {
        this.repository = repository;
    }

    /** Whether a deployed model declares a message of this name. */
    public boolean declared(String messageName) {
        if (names.contains(messageName)) {
            return true;
        }
        Long until = undeclaredUntil.get(messageName);
        long now = System.currentTimeMillis();
        if (until != null && until > now) {
            return false;
        }
        refresh();
        if (names.contains(messageName)) {
            return true;
        }
        undeclaredUntil.put(messageName, now + RECHECK_MILLIS);
        return false;
    }

    private synchronized void refresh() {
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
            namesByDefinition.computeIfAbsent(definition.getId(), id -> {
                Set<String> declared = ConcurrentHashMap.newKeySet();
                repository.getBpmnModelInstance(id).getModelElementsByType(Message.class).stream()
                        .map(Message::getName)
                        .filter(n -> n != null && !n.isBlank())
                        .forEach(declared::add);
                names.addAll(declared);
                return declared;
            });
        }
    }
}
