package org.returnflow.contracts;

/** Whether a message asks a service to do something or reports that something happened. */
public enum MessageKind {
    /** Imperative, sent to {@code <service>.commands}. */
    COMMAND,
    /** Past tense, published on {@code <service>.events}. */
    EVENT
}
