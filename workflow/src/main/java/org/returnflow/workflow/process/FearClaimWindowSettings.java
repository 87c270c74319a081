package org.returnflow.workflow.process;

import org.returnflow.platform.settings.MissingSettingsException;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The one setting of the fear-claim window: {@code returnflow.fear-claim.window-override}
 * ({@code RETURNFLOW_FEAR_CLAIM_WINDOW_OVERRIDE}), an ISO-8601 duration that replaces every window's
 * length so that the demo and e2e stacks, which play days in minutes, can get past it. It is honoured
 * only with the {@code local} profile; anywhere else the workflow refuses to start while it is set
 * (checked before any bean is made, by {@code FearClaimWindowConfig}), so a production window always
 * lasts what the DMN says, never less than 72 h.
 */
@Component
public class FearClaimWindowSettings {

    public static final String PROPERTY = "returnflow.fear-claim.window-override";
    public static final String VARIABLE = "RETURNFLOW_FEAR_CLAIM_WINDOW_OVERRIDE";

    private final Duration override;

    public FearClaimWindowSettings(Environment environment) {
        this.override = overrideIn(environment).orElse(null);
    }

    /** The local profile's override, if one is set. */
    public Optional<Duration> override() {
        return Optional.ofNullable(override);
    }

    /**
     * @throws MissingSettingsException when the override is set outside the local profile, or is not a
     *                                  positive ISO-8601 duration
     */
    public static Optional<Duration> overrideIn(Environment environment) {
        String value = environment.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            throw new MissingSettingsException("The fear-claim window override (" + PROPERTY + ") is honoured only with "
                    + "the local profile (the demo and e2e stacks), and this workflow runs without it; unset",
                    List.of(VARIABLE), "Unset " + VARIABLE + ". Outside the local profile every fear-claim window lasts "
                    + "what the DMN destination-requirements says, never less than 72 h (workflow/docs/process.md).");
        }
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new DateTimeParseException("not positive", value, 0);
            }
            return Optional.of(duration);
        } catch (DateTimeParseException e) {
            throw new MissingSettingsException("The fear-claim window override (" + PROPERTY + ") must be a positive "
                    + "ISO-8601 duration such as PT1M, not '" + value + "'; set", List.of(VARIABLE),
                    "Set " + VARIABLE + " to a duration such as PT1M, or unset it.");
        }
    }
}
