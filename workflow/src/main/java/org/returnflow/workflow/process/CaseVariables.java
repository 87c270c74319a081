package org.returnflow.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * Typed reads of the case's process variables. Variables hold strings, numbers and booleans only
 * (ids as strings, instants and dates in ISO-8601), so that Cockpit shows them and nothing needs
 * Java serialisation.
 */
final class CaseVariables {

    private CaseVariables() {
    }

    static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    static String required(VariableScope scope, String name) {
        return Objects.requireNonNull(string(scope, name), () -> "process variable '" + name + "' is missing");
    }

    static UUID uuid(VariableScope scope, String name) {
        String value = string(scope, name);
        return value == null ? null : UUID.fromString(value);
    }

    static UUID requiredUuid(VariableScope scope, String name) {
        return UUID.fromString(required(scope, name));
    }

    static Instant instant(VariableScope scope, String name) {
        String value = string(scope, name);
        return value == null ? null : Instant.parse(value);
    }

    static LocalDate date(VariableScope scope, String name) {
        String value = string(scope, name);
        return value == null ? null : LocalDate.parse(value);
    }

    static boolean flag(VariableScope scope, String name) {
        return Boolean.TRUE.equals(scope.getVariable(name));
    }

    static int integer(VariableScope scope, String name, int otherwise) {
        Object value = scope.getVariable(name);
        return value instanceof Number n ? n.intValue() : otherwise;
    }

    /**
     * The case of an execution: its business key, which the engine keeps apart from the variables,
     * so no variable a user sets can point a step at another case.
     */
    static UUID caseOf(DelegateExecution execution) {
        return UUID.fromString(Objects.requireNonNull(execution.getProcessBusinessKey(), "business key (caseId)"));
    }

    static UUID caseOf(DelegateTask task) {
        return caseOf(task.getExecution());
    }

    /** The engine's clock, which tests move. */
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
