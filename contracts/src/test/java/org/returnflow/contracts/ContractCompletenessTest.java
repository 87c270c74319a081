package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing is half-added: every message record has a descriptor, a schema and a sample, and every
 * schema has a descriptor. Records are found by walking the compiled classes, not by asking the
 * catalog, so that a record missing from the catalog fails here.
 */
class ContractCompletenessTest {

    private static final String PACKAGE = Message.class.getPackageName();

    @Test
    void everyMessageClassIsARecordInTheCatalog() throws Exception {
        List<Class<?>> messageClasses = compiledClasses().stream()
                .filter(Message.class::isAssignableFrom)
                .filter(c -> !c.isInterface())
                .toList();

        assertThat(messageClasses).as("message classes found on the classpath").hasSizeGreaterThan(20);
        assertThat(messageClasses).allSatisfy(c -> {
            assertThat(c.isRecord()).as("%s is a record", c.getName()).isTrue();
            assertThat(Modifier.isPublic(c.getModifiers())).as("%s is public", c.getName()).isTrue();
        });
        assertThat(names(messageClasses))
                .as("records without a MessageCatalog entry, or entries without a record")
                .containsExactlyInAnyOrderElementsOf(
                        names(MessageCatalog.all().stream().map(MessageDescriptor::javaType).toList()));
    }

    @Test
    void everyDescriptorFollowsTheNamingRule() {
        assertThat(MessageCatalog.all()).allSatisfy(d -> {
            assertThat(d.javaType().getPackageName()).isEqualTo(PACKAGE + "." + d.service());
            assertThat(d.name()).isEqualTo(d.javaType().getSimpleName());
            assertThat(d.type()).isEqualTo("returnflow." + d.service() + "." + d.name() + ".v1");
            assertThat(d.topic()).isEqualTo(d.service() + (d.kind() == MessageKind.COMMAND ? ".commands" : ".events"));
            assertThat(Topics.all()).contains(d.topic());
            assertThat(d.schemaResource()).isEqualTo("schemas/" + d.service() + "/" + d.name() + ".v1.json");
        });
    }

    @Test
    void everyDescriptorHasItsSchemaFile() {
        assertThat(MessageCatalog.all()).allSatisfy(d ->
                assertThat(getClass().getClassLoader().getResource(d.schemaResource()))
                        .as("schema of %s", d.name())
                        .isNotNull());
    }

    @Test
    void everySchemaFileHasADescriptor() throws Exception {
        Path schemas = classesRoot().resolve("schemas");
        Set<String> files;
        try (Stream<Path> walk = Files.walk(schemas)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> "schemas/" + schemas.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("schemas/common/"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        assertThat(files).as("schema files under schemas/<service>/")
                .containsExactlyInAnyOrderElementsOf(
                        MessageCatalog.all().stream().map(MessageDescriptor::schemaResource).toList());
    }

    @Test
    void everyDescriptorHasASample() {
        assertThat(Samples.all().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        MessageCatalog.all().stream().map(MessageDescriptor::javaType).toList());
    }

    private static Set<String> names(List<? extends Class<?>> classes) {
        return classes.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The directory that holds the main classes and resources, target/classes under Maven. */
    private static Path classesRoot() throws URISyntaxException {
        Path root = Path.of(Message.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(root).as("main classes are a directory").isDirectory();
        return root;
    }

    private static List<Class<?>> compiledClasses() throws IOException, URISyntaxException {
        Path root = classesRoot();
        Path packageDir = root.resolve(PACKAGE.replace('.', '/'));
        try (Stream<Path> walk = Files.walk(packageDir)) {
            return walk.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("package-info.class"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .map(ContractCompletenessTest::load)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ContractCompletenessTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
