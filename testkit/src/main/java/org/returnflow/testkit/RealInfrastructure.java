package org.returnflow.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives an integration test a real PostgreSQL and a real Kafka broker (see {@link Infrastructure}).
 * On a Spring test, the application context gets a fresh database of its own and the broker's
 * address; a plain JUnit test can take {@link Infrastructure} as a parameter.
 *
 * <p>Integration tests run one JVM per test class (failsafe {@code reuseForks=false}), so no
 * consumer group or topic offset leaks from one class into another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface RealInfrastructure {
}
