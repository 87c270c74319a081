package org.returnflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates message JSON against its contract schema: what every producer's tests use to prove
 * that what it publishes is what partners were promised. Schemas load from the classpath, and
 * {@code $ref}s resolve to schemas/common.
 */
public final class ContractSchemas {

    static final String ID_PREFIX = "https://returnflow.org/schemas/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:schemas/")));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** Validation errors of {@code json} against the schema of {@code descriptor}; empty when valid. */
    public static Set<ValidationMessage> validate(MessageDescriptor descriptor, JsonNode json) {
        JsonSchema schema = CACHE.computeIfAbsent(descriptor.schemaResource(),
                resource -> FACTORY.getSchema(SchemaLocation.of("classpath:" + resource), CONFIG));
        return schema.validate(json);
    }

    /**
     * Validation errors of a message's JSON data against the schema of its CloudEvents type;
     * empty when valid.
     */
    public static List<String> errors(String cloudEventType, byte[] json) {
        try {
            return validate(MessageCatalog.byType(cloudEventType), ContractJson.mapper().readTree(json)).stream()
                    .map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** The raw JSON of a classpath resource, or null when it does not exist. */
    static JsonNode readResource(String resource) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : ContractJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
