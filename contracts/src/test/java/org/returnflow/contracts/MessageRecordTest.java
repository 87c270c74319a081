package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnflow.contracts.detention.EligibilityAssessed;

/**
 * The records agree with their schemas: a field the schema requires cannot be null, an optional
 * one can, and lists and maps are never null and never shared with the caller.
 */
class MessageRecordTest {

    /** Fields that must change with an emptied collection for the record to stay consistent. */
    private static final Map<Class<?>, Map<String, Object>> EMPTY_COLLECTION_COMPANIONS =
            Map.of(EligibilityAssessed.class, Map.of("eligible", true));

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("components")
    void nullMatchesTheSchema(MessageDescriptor descriptor, String field) throws Exception {
        Message sample = Samples.of(descriptor.javaType());
        RecordComponent component = component(descriptor, field);
        boolean required = ContractSchemaTest.textValues(
                ContractSchemas.readResource(descriptor.schemaResource()).path("required")).contains(field);
        Class<?> type = component.getType();

        if (type.isPrimitive()) {
            assertThat(required).as("primitive %s is required", field).isTrue();
        } else if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            Map<String, Object> empty = new HashMap<>(EMPTY_COLLECTION_COMPANIONS.getOrDefault(
                    descriptor.javaType(), Map.of()));
            empty.put(field, null);
            Object value = component.getAccessor().invoke(construct(descriptor, sample, empty));
            assertThat(value).as("%s given null", field).isNotNull();
            assertThat(value instanceof Collection<?> c ? c.isEmpty() : ((Map<?, ?>) value).isEmpty()).isTrue();
            assertThat(required).as("%s is always written, so the schema requires it", field).isTrue();
        } else if (required) {
            assertThatThrownBy(() -> construct(descriptor, sample, nulled(field)))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage(field);
        } else {
            Message built = construct(descriptor, sample, nulled(field));
            assertThat(component.getAccessor().invoke(built)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("collectionComponents")
    void collectionsAreCopied(MessageDescriptor descriptor, String field) throws Exception {
        Message sample = Samples.of(descriptor.javaType());
        RecordComponent component = component(descriptor, field);
        Object original = component.getAccessor().invoke(sample);
        Object mutable = original instanceof List<?> l ? new ArrayList<>(l) : new HashMap<>((Map<?, ?>) original);

        Message built = construct(descriptor, sample, Map.of(field, mutable));
        if (mutable instanceof List<?> l) {
            l.clear();
        } else {
            ((Map<?, ?>) mutable).clear();
        }

        Object kept = component.getAccessor().invoke(built);
        assertThat(kept).isEqualTo(original);
        assertThatThrownBy(() -> {
            if (kept instanceof List<?> l) {
                l.clear();
            } else {
                ((Map<?, ?>) kept).clear();
            }
        }).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> components() {
        return MessageCatalog.all().stream().flatMap(d -> Arrays.stream(d.javaType().getRecordComponents())
                .map(c -> Arguments.of(d, c.getName())));
    }

    static Stream<Arguments> collectionComponents() {
        return MessageCatalog.all().stream().flatMap(d -> Arrays.stream(d.javaType().getRecordComponents())
                .filter(c -> List.class.isAssignableFrom(c.getType()) || Map.class.isAssignableFrom(c.getType()))
                .map(c -> Arguments.of(d, c.getName())));
    }

    private static RecordComponent component(MessageDescriptor descriptor, String field) {
        return Arrays.stream(descriptor.javaType().getRecordComponents())
                .filter(c -> c.getName().equals(field))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> nulled(String field) {
        Map<String, Object> values = new HashMap<>();
        values.put(field, null);
        return values;
    }

    /** A copy of {@code sample} with the fields in {@code values} replaced. */
    private static Message construct(MessageDescriptor descriptor, Message sample, Map<String, Object> values)
            throws Exception {
        RecordComponent[] components = descriptor.javaType().getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            args[i] = values.containsKey(name) ? values.get(name) : components[i].getAccessor().invoke(sample);
        }
        Constructor<? extends Message> canonical = descriptor.javaType().getDeclaredConstructor(types);
        try {
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
