package org.returnflow.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal service on the platform, for the platform's own tests: it consumes
 * {@code detention.commands} and records each command it handles ({@link RecordingHandler}).
 */
@SpringBootApplication
public class PlatformTestApplication {

    /** A destination that makes the handler fail, to exercise retries and dead letters. */
    public static final String FAILING_DESTINATION = "XXX";
    /** A destination whose command breaks a business rule of the handler: it can never succeed. */
    public static final String REJECTED_DESTINATION = "XXY";

    public static void main(String[] args) {
        SpringApplication.run(PlatformTestApplication.class, args);
    }
}
