package org.returnflow.notification.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeLanguageTest {

    @ParameterizedTest(name = "{0} is written in {1}")
    @CsvSource({
            "fa, fa", "fa-IR, fa", "pes, fa", "FA-ir, fa",
            "fa-AF, prs", "fa_AF, prs", "prs, prs", "prs-AF, prs",
            "ps, ps", "ps-AF, ps", "pbt, ps",
            "ar, ar", "ar-EG, ar", "ur, ur", "ur-PK, ur",
            "es, es", "es-MX, es", "en, en", "en-US, en",
            "tr, tr", "tr-TR, tr", "hi, hi", "hi-IN, hi", "ne, ne", "ne-NP, ne", "si, si", "si-LK, si",
            "vi, vi", "vi-VN, vi", "zh, zh", "zh-CN, zh", "zh-Hans-CN, zh", "cmn, zh",
            "uz, uz", "uz-UZ, uz", "uz-Latn-UZ, uz", "az, az", "az-AZ, az", "az-Latn, az"})
    void requestedTagsMapToTheirTemplates(String requested, String written) {
        NoticeLanguage language = NoticeLanguage.forRequested(requested);

        assertThat(language.tag()).isEqualTo(written);
        assertThat(language.fallback()).isFalse();
    }

    @ParameterizedTest(name = "{0} has no templates in its language and script")
    @ValueSource(strings = {"sw", "", "  ", "zh-TW", "zh-Hant", "zh-HK", "uz-Cyrl", "uz-AF", "uz-Arab", "az-IR",
            "az-Arab", "azb", "fa-Latn", "pa"})
    void otherTagsAreWrittenInEnglishAsAFallback(String requested) {
        NoticeLanguage language = NoticeLanguage.forRequested(requested);

        assertThat(language.templates()).isEqualTo(TemplateLanguage.EN);
        assertThat(language.fallback()).isTrue();
    }

    @Test
    void noOneOfTheReferenceScenarioIsWrittenToInALanguageOutsideTheTemplates() {
        // The people (e2e Cast: the IRN group reads fa, az or ar; the PAN group by nationality),
        // counsel (en) and the consulates (workflow NoticePlan.CONSULATE_LOCALES).
        String[] people = {"fa", "az", "ar", "fa-AF", "zh", "hi", "ne", "ur", "si", "tr", "uz", "vi"};
        String[] others = {"en", "es", "fa", "tr", "zh", "vi", "uz"};

        assertThat(Arrays.stream(people).map(NoticeLanguage::forRequested))
                .allSatisfy(l -> assertThat(l.fallback()).as("fallback for %s", l).isFalse())
                .extracting(NoticeLanguage::tag)
                .containsExactly("fa", "az", "ar", "prs", "zh", "hi", "ne", "ur", "si", "tr", "uz", "vi");
        assertThat(Arrays.stream(others).map(NoticeLanguage::forRequested)).noneMatch(NoticeLanguage::fallback);
    }

    @Test
    void persianArabicUrduPashtoAndDariAreWrittenRightToLeft() {
        assertThat(Arrays.stream(TemplateLanguage.values()).filter(TemplateLanguage::rightToLeft)
                .map(TemplateLanguage::tag)).containsExactlyInAnyOrder("fa", "ar", "ur", "ps", "prs");
    }

    @Test
    void aDraftIsSentWithTheEnglishTextAndEnglishIsNot() {
        assertThat(NoticeLanguage.forRequested("fa-AF").withEnglish()).isTrue();
        assertThat(NoticeLanguage.forRequested("en").withEnglish()).isFalse();
        assertThat(NoticeLanguage.forRequested("sw").withEnglish()).as("a fallback is English").isFalse();
    }
}
