package org.returnflow.notification.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeLanguageTest {

    @ParameterizedTest
    @CsvSource({"fa, fa, false", "fa-IR, fa, false", "ar-EG, ar, false", "es, es, false", "en-US, en, false",
            "sw, en, true", "'', en, true", "ps, en, true"})
    void requestedTagsMapToTemplates(String requested, String written, boolean fallback) {
        assertThat(NoticeLanguage.forRequested(requested)).isEqualTo(new NoticeLanguage(written, fallback));
    }
}
