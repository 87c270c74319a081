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
 * ({@code forms/*.form}): a task completion may carry these variables and no other.
 */
@Component
public class TaskForms {

    private final Map<String, Set<String>> fieldsByForm;

    public TaskForms() {
        this(loadFromClasspath());
    }

    TaskForms(Map<String, Set<String>> fieldsByForm) {
        this.fieldsByForm = Map.copyOf(fieldsByForm);
    }

    /** The keys of the form's input fields, or empty when no such form is deployed. */
    public Optional<Set<String>> fields(String formId) {
        return Optional.ofNullable(fieldsByForm.get(formId));
    }

    private static Map<String, Set<String>> loadFromClasspath() {
        Map<String, Set<String>> forms = new LinkedHashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode form = ContractJson.mapper().readTree(in);
                    Set<String> keys = new LinkedHashSet<>();
                    collectKeys(form.path("components"), keys);
                    forms.put(form.path("id").asText(), Collections.unmodifiableSet(keys));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The Camunda Forms cannot be read", e);
        }
        return forms;
    }

    private static void collectKeys(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            collectKeys(component.path("components"), keys);
        }
    }
}
