package org.returnflow.testkit;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;

/**
 * For a test class marked {@link RealInfrastructure}, points the Spring context at a fresh
 * database and the test broker, ahead of every other property source.
 */
public class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(RealInfrastructure.class)) {
            return null;
        }
        return new Customizer(testClass);
    }

    /** Equal only for the same test class, so each class gets its own context and database. */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
                    "returnflow-testkit", Infrastructure.get().springProperties(testClass.getSimpleName())));
        }
    }
}
