package org.returnflow.workflow.config;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.settings.MissingSettingsException;
import org.returnflow.workflow.process.FearClaimWindowSettings;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fear-claim window override is for the demo and e2e stacks only: honoured with the local
 * profile, refused at start-up anywhere else, naming the variable to unset.
 */
class FearClaimWindowSettingsTest {

    @Test
    void withTheLocalProfileTheOverrideIsHonoured() {
        MockEnvironment local = new MockEnvironment().withProperty(FearClaimWindowSettings.PROPERTY, "PT1M");
        local.setActiveProfiles("local");
        assertThat(new FearClaimWindowSettings(local).override()).hasValue(Duration.ofMinutes(1));
    }

    @Test
    void unsetThereIsNoOverrideInAnyProfile() {
        assertThat(new FearClaimWindowSettings(new MockEnvironment()).override()).isEmpty();
    }

    @Test
    void outsideTheLocalProfileTheWorkflowRefusesToStart() {
        MockEnvironment deployed = new MockEnvironment().withProperty(FearClaimWindowSettings.PROPERTY, "PT1M");
        deployed.setActiveProfiles("k8s");
        assertThatThrownBy(() -> new FearClaimWindowConfig().fearClaimWindowOverrideCheck(deployed)
                .postProcessBeanFactory(null))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("honoured only with the local profile")
                .satisfies(e -> assertThat(((MissingSettingsException) e).variables())
                        .containsExactly("RETURNFLOW_FEAR_CLAIM_WINDOW_OVERRIDE"));
    }

    @Test
    void aDurationThatIsNotOneIsRefused() {
        for (String value : new String[]{"1 minute", "PT0S", "-PT1M"}) {
            MockEnvironment local = new MockEnvironment().withProperty(FearClaimWindowSettings.PROPERTY, value);
            local.setActiveProfiles("local");
            assertThatThrownBy(() -> new FearClaimWindowSettings(local)).isInstanceOf(MissingSettingsException.class)
                    .hasMessageContaining("positive ISO-8601 duration");
        }
    }
}
