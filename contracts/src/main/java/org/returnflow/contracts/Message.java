package org.returnflow.contracts;

/**
 * Marker for every command and event that travels over Kafka.
 *
 * <p>Each implementation is a record with exactly one {@link MessageDescriptor} in the
 * {@link MessageCatalog}, one JSON Schema and one entry in {@code asyncapi.yaml}.
 */
public interface Message {
}
