package org.returnflow.detention.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;

/**
 * A well-formed BCP 47 language tag whose language is a known ISO 639 code (e.g. {@code fa},
 * {@code fa-IR}, {@code prs}); null passes.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LanguageTag.Validator.class)
public @interface LanguageTag {

    String message() default "must be a BCP 47 language tag, such as fa or fa-IR";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Well-formed per BCP 47, with a known two-letter language or any three-letter one. */
    class Validator implements ConstraintValidator<LanguageTag, String> {

        private static final Set<String> TWO_LETTER = Set.of(Locale.getISOLanguages());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                String language = new Locale.Builder().setLanguageTag(value).build().getLanguage();
                return language.length() == 3 || TWO_LETTER.contains(language);
            } catch (IllformedLocaleException e) {
                return false;
            }
        }
    }
}
