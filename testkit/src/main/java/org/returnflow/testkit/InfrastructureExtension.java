package org.returnflow.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts the infrastructure before a test class and lets tests take it as a parameter. After a
 * Spring test class it closes the application context while broker and database still run:
 * left to the JVM's shutdown hooks, the context would race the broker's shutdown and its Kafka
 * clients would wait out their timeouts.
 */
public class InfrastructureExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        Infrastructure.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(BootstrapWith.class)) {
            return;
        }
        ApplicationContext applicationContext = SpringExtension.getApplicationContext(context);
        if (applicationContext instanceof ConfigurableApplicationContext configurable && configurable.isActive()) {
            configurable.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return Infrastructure.get();
    }
}
