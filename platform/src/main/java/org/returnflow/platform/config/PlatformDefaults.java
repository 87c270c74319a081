package org.returnflow.platform.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Adds the platform's defaults (returnflow-defaults.properties) with the lowest precedence, so a
 * service's application.yml and every environment variable still override them. With the
 * {@code local} profile, returnflow-defaults-local.properties comes first: it holds the development
 * defaults of secrets, which have none anywhere else.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    /** The profile of a developer's machine and of {@code ./returnflow up}: the only one with default secrets. */
    public static final String LOCAL_PROFILE = "local";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            add(environment, "returnflow-platform-defaults-local", "returnflow-defaults-local.properties");
        }
        add(environment, "returnflow-platform-defaults", "returnflow-defaults.properties");
    }

    private static void add(ConfigurableEnvironment environment, String name, String resource) {
        try {
            List<PropertySource<?>> sources = new PropertiesPropertySourceLoader().load(name, new ClassPathResource(resource));
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
