package org.returnflow.consent.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnflow.platform.web.ApiException;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.BusinessRuleException;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentPolicyTest {

    static final String EVIDENCE = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    final ConsentPolicy policy = new ConsentPolicy(180);

    static DecisionInput given(String language, String interpreter) {
        return new DecisionInput(Decision.GIVEN, "officer-4711", language, interpreter, EVIDENCE);
    }

    @ParameterizedTest
    @CsvSource({"fa, fa", "fa-IR, fa", "fa, fa-IR", "fa-AF, fa-IR", "en-US, en-GB"})
    void consentInThePersonsLanguageNeedsNoInterpreter(String language, String preferred) {
        assertThatCode(() -> policy.check(given(language, null), preferred)).doesNotThrowAnyException();
    }

    @Test
    void languagesCompareByPrimarySubtagIgnoringCase() {
        assertThat(ConsentPolicy.sameLanguage("FA-ir", "fa")).isTrue();
        assertThat(ConsentPolicy.sameLanguage("fa", "far")).isFalse();
        assertThat(ConsentPolicy.sameLanguage("fa", null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"en, fa", "prs, fa", "ar, fa-IR", "fa, far"})
    void consentInAnotherLanguageWithoutInterpreterIsRefusedNamingTheInterpreter(String language, String preferred) {
        assertThatThrownBy(() -> policy.check(given(language, null), preferred))
                .isInstanceOf(BusinessRuleException.class)
                .hasMessageContaining("interpreter")
                .hasMessageContaining(preferred)
                .extracting(e -> ((ApiException) e).field()).isEqualTo("interpreter");
    }

    @Test
    void aBlankInterpreterIsNoInterpreter() {
        assertThatThrownBy(() -> policy.check(given("en", "   "), "fa"))
                .isInstanceOf(BusinessRuleException.class);
    }

    @Test
    void consentInAnotherLanguageWithANamedInterpreterStands() {
        assertThatCode(() -> policy.check(given("en", "interpreter-0815"), "fa")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",   // upper case
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",    // 63 characters
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a081",  // 65 characters
            "zf86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",   // not hex
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0"})
    void evidenceMustBeALowerCaseSha256(String evidence) {
        DecisionInput input = new DecisionInput(Decision.GIVEN, "officer-4711", "fa", null, evidence);
        assertThatThrownBy(() -> policy.check(input, "fa"))
                .isInstanceOf(BadRequestException.class)
                .extracting(e -> ((ApiException) e).field()).isEqualTo("evidenceSha256");
        assertThat(ConsentPolicy.isSha256(evidence)).isFalse();
    }

    @Test
    void consentGivenNeedsEvidenceLanguageAndOfficer() {
        assertThatThrownBy(() -> policy.check(new DecisionInput(Decision.GIVEN, "officer-4711", "fa", null, null), "fa"))
                .extracting(e -> ((ApiException) e).field()).isEqualTo("evidenceSha256");
        assertThatThrownBy(() -> policy.check(new DecisionInput(Decision.GIVEN, "officer-4711", null, null, EVIDENCE),
                "fa")).extracting(e -> ((ApiException) e).field()).isEqualTo("language");
        assertThatThrownBy(() -> policy.check(new DecisionInput(Decision.GIVEN, " ", "fa", null, EVIDENCE), "fa"))
                .extracting(e -> ((ApiException) e).field()).isEqualTo("officer");
    }

    @Test
    void aDeclineNeedsOnlyTheOfficer() {
        assertThatCode(() -> policy.check(new DecisionInput(Decision.DECLINED, "officer-4711", null, null, null), "fa"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(new DecisionInput(Decision.DECLINED, null, null, null, null), "fa"))
                .isInstanceOf(BadRequestException.class)
                .extracting(e -> ((ApiException) e).field()).isEqualTo("officer");
    }

    @Test
    void reviewIsRequiredFrom180DaysInDetention() {
        LocalDate since = LocalDate.of(2026, 1, 1);
        int at179 = policy.daysInDetention(since, Instant.parse("2026-06-29T23:59:59Z"));
        int at180 = policy.daysInDetention(since, Instant.parse("2026-06-30T00:00:00Z"));
        assertThat(at179).isEqualTo(179);
        assertThat(at180).isEqualTo(180);
        assertThat(policy.reviewRequired(at179)).isFalse();
        assertThat(policy.reviewRequired(at180)).isTrue();
    }

    @Test
    void theReviewThresholdIsConfigurable() {
        ConsentPolicy strict = new ConsentPolicy(90);
        assertThat(strict.reviewRequired(89)).isFalse();
        assertThat(strict.reviewRequired(90)).isTrue();
    }

    @Test
    void daysInDetentionAreNeverNegative() {
        assertThat(policy.daysInDetention(LocalDate.of(2026, 3, 2), Instant.parse("2026-03-01T12:00:00Z")))
                .isZero();
    }
}
