package org.returnflow.contracts;

import java.util.Objects;

/**
 * What the {@link MessageCatalog} knows about one message.
 *
 * @param type           CloudEvents type, {@code returnflow.<service>.<Name>.v1}
 * @param name           {@code <Name>}, also the BPMN message name
 * @param service        owning service, for example {@code flight}
 * @param kind           command or event
 * @param topic          {@code <service>.commands} or {@code <service>.events}
 * @param javaType       the record
 * @param schemaResource classpath path of the JSON Schema, {@code schemas/<service>/<Name>.v1.json}
 */
public record MessageDescriptor(
        String type,
        String name,
        String service,
        MessageKind kind,
        String topic,
        Class<? extends Message> javaType,
        String schemaResource) {

    public MessageDescriptor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(schemaResource, "schemaResource");
    }

    /** Describes {@code javaType} by the naming rule: its simple name, version 1. */
    static MessageDescriptor of(String service, MessageKind kind, Class<? extends Message> javaType) {
        String name = javaType.getSimpleName();
        String topic = service + (kind == MessageKind.COMMAND ? ".commands" : ".events");
        return new MessageDescriptor(
                "returnflow." + service + "." + name + ".v1",
                name,
                service,
                kind,
                topic,
                javaType,
                "schemas/" + service + "/" + name + ".v1.json");
    }
}
