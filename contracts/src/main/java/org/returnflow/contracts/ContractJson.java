package org.returnflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of messages: ISO-8601 dates and instants, null fields left out, unknown fields
 * ignored so that consumers tolerate fields added later.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ContractJson() {
    }

    /**
     * The shared mapper for message payloads. Do not reconfigure it; call {@code mapper().copy()}
     * for a variant.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The message as UTF-8 JSON. */
    public static byte[] toBytes(Message message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads UTF-8 JSON as {@code type}.
     *
     * @throws UncheckedIOException when the bytes are not valid JSON for {@code type}, including
     *                              when a required field is missing
     */
    public static <T> T fromBytes(byte[] data, Class<T> type) {
        try {
            return MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.getSimpleName(), e);
        }
    }
}
