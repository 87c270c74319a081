package org.returnflow.notification.config;

import org.returnflow.platform.settings.MissingSettingsException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The service's settings; time comes from one clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** With SMTP authentication on, the start stops before any bean is made while a credential is missing. */
    @Bean
    static BeanFactoryPostProcessor smtpCredentialsRequired(Environment environment) {
        return beanFactory -> requireSmtpCredentials(environment);
    }

    /**
     * An SMTP server that wants authentication ({@code SMTP_AUTH=true}) gets a user and a password from
     * {@code SMTP_USERNAME} and {@code SMTP_PASSWORD}; without them every notice would fail at the
     * server instead, so the service refuses to start and names the variables. Without
     * authentication (the local sink) there are no credentials to miss.
     */
    static void requireSmtpCredentials(Environment environment) {
        if (!environment.getProperty("spring.mail.properties.mail.smtp.auth", Boolean.class, false)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (isBlank(environment.getProperty("spring.mail.username"))) {
            missing.add("SMTP_USERNAME");
        }
        if (isBlank(environment.getProperty("spring.mail.password"))) {
            missing.add("SMTP_PASSWORD");
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException("SMTP authentication is on (SMTP_AUTH=true) without credentials. "
                    + "Set these environment variables", missing, MissingSettingsException.LOCAL_HINT);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
