package org.returnflow.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnflow.contracts.ContractJson;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields each Camunda Form declares, read from the forms deployed with the process
 * ({@code forms/*.form}): a task completion may carry these variables and no other. The fields a
 * person fills in (not {@code disabled}) are the task's answer, which the case history records.
 */
@Component
public class TaskForms {

    private final Map<String, Set<String>> fieldsByForm = new LinkedHashMap<>();
    private final Map<String, Set<String>> answersByForm = new LinkedHashMap<>();

    public TaskForms() {
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode form = ContractJson.mapper().readTree(in);
                    Set<String> keys = new LinkedHashSet<>();
                    Set<String> answers = new LinkedHashSet<>();
                    collectKeys(form.path("components"), keys, answers);
                    fieldsByForm.put(form.path("id").asText(), Collections.unmodifiableSet(keys));
                    answersByForm.put(form.path("id").asText(), Collections.unmodifiableSet(answers));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The Camunda Forms cannot be read", e);
        }
    }

    /** The keys of the form's input fields, or empty when no such form is deployed. */
    public Optional<Set<String>> fields(String formId) {
        return Optional.ofNullable(fieldsByForm.get(formId));
    }

    /** The keys of the fields a person fills in (the others only show the case), in the form's order. */
    public Set<String> answers(String formId) {
        return answersByForm.getOrDefault(formId, Set.of());
    }

    private static void collectKeys(JsonNode components, Set<String> keys, Set<String> answers) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
                if (!component.path("disabled").asBoolean(false)) {
                    answers.add(component.get("key").asText());
                }
            }
            collectKeys(component.path("components"), keys, answers);
        }
    }
}
