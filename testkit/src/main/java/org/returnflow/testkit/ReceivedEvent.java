package org.returnflow.testkit;

import io.cloudevents.CloudEvent;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.ContractSchemas;

import java.nio.charset.StandardCharsets;

/** One CloudEvent as a partner system receives it from a topic: attributes, key and JSON data. */
public record ReceivedEvent(String topic, int partition, long offset, String key, CloudEvent event) {

    public String type() {
        return event.getType();
    }

    public String id() {
        return event.getId();
    }

    public String subject() {
        return event.getSubject();
    }

    /** The data exactly as it was sent. */
    public String json() {
        return event.getData() == null ? null : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }

    /** What is wrong with the data against the type's contract schema; empty when it is valid. */
    public java.util.List<String> schemaErrors() {
        return event.getData() == null ? java.util.List.of("no data")
                : ContractSchemas.errors(event.getType(), event.getData().toBytes());
    }

    /** The data read as a contracts record. */
    public <T> T data(Class<T> type) {
        return ContractJson.fromBytes(event.getData().toBytes(), type);
    }
}
