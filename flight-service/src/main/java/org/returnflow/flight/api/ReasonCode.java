package org.returnflow.flight.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A required reason as an upper-case code ({@code WEATHER}, {@code MEDICAL_UNFIT}): codes go into
 * records and events, free text about a person never does.
 */
@NotNull
@Size(max = 60)
@Pattern(regexp = "^[A-Z][A-Z0-9_]*$", message = "must be an upper-case code such as AIRCRAFT_UNAVAILABLE")
@Constraint(validatedBy = {})
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface ReasonCode {

    String message() default "must be an upper-case code";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
