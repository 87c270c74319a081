package org.returnflow.notification.config;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.settings.MissingSettingsException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SMTP credentials fail closed: with authentication on, a missing user or password stops the start. */
class SmtpCredentialsTest {

    private static final String AUTH = "spring.mail.properties.mail.smtp.auth";

    @Test
    void authenticationWithoutAPasswordStopsTheStartNamingTheVariable() {
        MockEnvironment environment = new MockEnvironment().withProperty(AUTH, "true")
                .withProperty("spring.mail.username", "notices");

        assertThatThrownBy(() -> NotificationConfiguration.requireSmtpCredentials(environment))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("SMTP_PASSWORD")
                .hasMessageNotContaining("SMTP_USERNAME");
    }

    @Test
    void authenticationWithNeitherNamesBoth() {
        assertThatThrownBy(() -> NotificationConfiguration.requireSmtpCredentials(
                new MockEnvironment().withProperty(AUTH, "true").withProperty("spring.mail.password", " ")))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageEndingWith("Set these environment variables: SMTP_USERNAME, SMTP_PASSWORD");
    }

    @Test
    void withoutAuthenticationOrWithBothCredentialsItStarts() {
        assertThatCode(() -> NotificationConfiguration.requireSmtpCredentials(new MockEnvironment()))
                .doesNotThrowAnyException();
        assertThatCode(() -> NotificationConfiguration.requireSmtpCredentials(new MockEnvironment()
                .withProperty(AUTH, "true").withProperty("spring.mail.username", "u")
                .withProperty("spring.mail.password", "p"))).doesNotThrowAnyException();
    }
}
