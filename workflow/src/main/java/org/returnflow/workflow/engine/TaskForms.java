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
    private final Map<String, Map<String, Rule>> rulesByForm = new LinkedHashMap<>();

    /**
     * A field's {@code validate} rules as the form declares them for Tasklist, checked again on the
     * server: Tasklist's checks are the browser's, and the engine REST API has none.
     */
    public record Rule(String label, boolean required, Integer minLength, Integer maxLength, java.util.regex.Pattern pattern) {

        /** Why the value breaks the rule, or null when it keeps it. */
        public String problem(Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return required ? label + " is required" : null;
            }
            if (minLength != null && text.length() < minLength) {
                return label + " must have at least " + minLength + " characters";
            }
            if (maxLength != null && text.length() > maxLength) {
                return label + " must have at most " + maxLength + " characters";
            }
            if (pattern != null && !pattern.matcher(text).matches()) {
                return label + " must match " + pattern.pattern();
            }
            return null;
        }
    }

    public TaskForms() {
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode form = ContractJson.mapper().readTree(in);
                    Set<String> keys = new LinkedHashSet<>();
                    Set<String> answers = new LinkedHashSet<>();
                    Map<String, Rule> rules = new LinkedHashMap<>();
                    collectKeys(form.path("components"), keys, answers, rules);
                    rulesByForm.put(form.path("id").asText(), Collections.unmodifiableMap(rules));
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

    /** The rules of the fields a person fills in, by key; empty for a form without rules. */
    public Map<String, Rule> rules(String formId) {
        return rulesByForm.getOrDefault(formId, Map.of());
    }

    private static void collectKeys(JsonNode components, Set<String> keys, Set<String> answers, Map<String, Rule> rules) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                String key = component.get("key").asText();
                keys.add(key);
                if (!component.path("disabled").asBoolean(false)) {
                    answers.add(key);
                    JsonNode validate = component.path("validate");
                    if (!validate.isMissingNode()) {
                        rules.put(key, new Rule(component.path("label").asText(key), validate.path("required").asBoolean(false),
                                validate.hasNonNull("minLength") ? validate.get("minLength").asInt() : null,
                                validate.hasNonNull("maxLength") ? validate.get("maxLength").asInt() : null,
                                validate.hasNonNull("pattern") ? java.util.regex.Pattern.compile(validate.get("pattern").asText()) : null));
                    }
                }
            }
            collectKeys(component.path("components"), keys, answers, rules);
        }
    }
}
