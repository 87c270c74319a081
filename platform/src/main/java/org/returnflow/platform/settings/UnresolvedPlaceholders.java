package org.returnflow.platform.settings;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops the start-up when a setting refers to an environment variable that is not set and has no
 * default, such as {@code password: ${CAMUNDA_ADMIN_PASSWORD}} outside the {@code local} profile.
 * Spring would otherwise bind the literal text {@code ${CAMUNDA_ADMIN_PASSWORD}} as the password.
 *
 * <p>This is how every secret fails closed: its placeholder has a default only in the {@code local}
 * profile, so anywhere else a missing variable ends the start with a message that names it. The
 * check runs before any bean is created, so nothing connects anywhere with a half-made
 * configuration. It looks at the value that wins for each property (an environment variable such
 * as {@code SPRING_DATASOURCE_PASSWORD} that overrides a setting satisfies it).
 */
public final class UnresolvedPlaceholders implements BeanFactoryPostProcessor, PriorityOrdered {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

    private final ConfigurableEnvironment environment;

    public UnresolvedPlaceholders(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Map<String, String> missing = find(environment);
        if (!missing.isEmpty()) {
            List<String> variables = new ArrayList<>(new LinkedHashSet<>(missing.values()));
            List<String> meaning = new ArrayList<>();
            variables.forEach(v -> meaning.add(v + " sets " + String.join(" and ", propertiesOf(missing, v))));
            throw new MissingSettingsException((missing.size() == 1 ? "A setting has" : missing.size() + " settings have")
                    + " no value and no default outside the local profile. Set these environment variables",
                    variables, String.join("; ", meaning) + ". " + MissingSettingsException.LOCAL_HINT);
        }
    }

    /**
     * The properties whose effective value still holds a placeholder that nothing resolves.
     *
     * @return property name to the first unresolved variable it names, sorted by property name
     */
    public static Map<String, String> find(ConfigurableEnvironment environment) {
        Map<String, String> missing = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable) || isProcessEnvironment(source)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (seen.add(name)) {
                    unresolved(environment, name).ifPresent(variable -> missing.put(name, variable));
                }
            }
        }
        return missing;
    }

    private static java.util.Optional<String> unresolved(ConfigurableEnvironment environment, String name) {
        Object raw = winningValue(environment, name);
        if (!(raw instanceof CharSequence text)) {
            return java.util.Optional.empty();
        }
        Matcher left = PLACEHOLDER.matcher(environment.resolvePlaceholders(text.toString()));
        return left.find() ? java.util.Optional.of(left.group(1)) : java.util.Optional.empty();
    }

    /** The raw value of the property source that wins for this name, as Spring would look it up. */
    private static Object winningValue(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.containsProperty(name)) {
                return source.getProperty(name);
            }
        }
        return null;
    }

    /** The process's own environment and system properties may hold any text; they are never settings files. */
    private static boolean isProcessEnvironment(PropertySource<?> source) {
        return StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
                || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName());
    }

    private static List<String> propertiesOf(Map<String, String> missing, String variable) {
        return missing.entrySet().stream().filter(e -> e.getValue().equals(variable)).map(Map.Entry::getKey).toList();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
