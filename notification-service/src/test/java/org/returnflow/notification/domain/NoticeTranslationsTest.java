package org.returnflow.notification.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every language has every template, with the English placeholders, in its own script, and says whether it was reviewed. */
class NoticeTranslationsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    /** Keys whose value may be the same as the English one, e.g. "Doha", ", " or "{0}, {1} UTC". */
    private static final Set<String> MAY_EQUAL_ENGLISH = Set.of("list.separator", "datetime", "airport.AEX",
            "airport.DOH", "airport.IKA", "airport.PTY");

    private static final Properties ENGLISH = TemplateLanguage.read(TemplateLanguage.EN.resource());

    @Test
    void englishHasEveryTemplateKeyAndRecipient() {
        for (TemplateKey template : TemplateKey.values()) {
            assertThat(ENGLISH).containsKeys(template + ".subject", template + ".body");
        }
        assertThat(ENGLISH).containsKeys("CASE_BOOKED.body.direct", "FLIGHT_CHANGED.body.direct",
                "DESTINATION_NOTICE.counsel", "rights", "footer",
                "draft.note", "draft.english");
        for (RecipientType recipient : RecipientType.values()) {
            assertThat(ENGLISH).containsKey("intro." + recipient);
        }
    }

    @ParameterizedTest
    @EnumSource(TemplateLanguage.class)
    void everyTemplateKeyExistsWithTheSamePlaceholdersAsEnglish(TemplateLanguage language) {
        Properties translation = TemplateLanguage.read(language.resource());

        assertThat(templateKeys(translation)).as("keys of %s", language.resource())
                .isEqualTo(templateKeys(ENGLISH).stream()
                        .filter(k -> language == TemplateLanguage.EN || !NoticeTemplates.ENGLISH_ONLY.contains(k))
                        .collect(Collectors.toCollection(TreeSet::new)));
        for (String key : templateKeys(translation)) {
            String value = translation.getProperty(key);
            assertThat(placeholders(value)).as("placeholders of %s in %s", key, language)
                    .isEqualTo(placeholders(ENGLISH.getProperty(key)));
            assertThat(value.replace("''", "")).as("%s in %s: a single apostrophe starts a MessageFormat quote",
                    key, language).doesNotContain("'");
            assertThat(value).as("%s in %s", key, language).isNotBlank();
            if (language != TemplateLanguage.EN && !MAY_EQUAL_ENGLISH.contains(key)) {
                assertThat(value).as("%s in %s is translated, not copied", key, language)
                        .isNotEqualTo(ENGLISH.getProperty(key));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TemplateLanguage.class)
    void everyTextIsWrittenInItsLanguagesScript(TemplateLanguage language) {
        Character.UnicodeScript script = "Hans".equals(language.script()) ? Character.UnicodeScript.HAN
                : Character.UnicodeScript.forName(language.script());
        Properties translation = TemplateLanguage.read(language.resource());

        for (String key : templateKeys(translation)) {
            if (MAY_EQUAL_ENGLISH.contains(key)) {
                continue;
            }
            String letters = PLACEHOLDER.matcher(translation.getProperty(key)).replaceAll("").codePoints()
                    .filter(Character::isLetter).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                            StringBuilder::append).toString();
            long inScript = letters.codePoints().filter(c -> Character.UnicodeScript.of(c) == script).count();
            assertThat(inScript).as("letters of %s in %s written in %s", key, language, script)
                    .isGreaterThan(letters.codePointCount(0, letters.length()) * 8L / 10);
        }
    }

    @Test
    void everyLanguageSaysWhetherItWasReviewedAndEnglishIsTheReviewedSource() {
        assertThat(TemplateLanguage.EN.status()).isEqualTo(TranslationStatus.REVIEWED);
        assertThat(Arrays.stream(TemplateLanguage.values())).allSatisfy(l -> assertThat(l.status())
                .isEqualTo(TemplateLanguage.readStatus(l.resource(), l == TemplateLanguage.EN)));
        // Written here without a human translator: drafts until one signs them off.
        assertThat(Arrays.stream(TemplateLanguage.values()).filter(l -> l != TemplateLanguage.EN))
                .allSatisfy(l -> assertThat(l.status()).as(l.tag()).isEqualTo(TranslationStatus.DRAFT));
    }

    @Test
    void aReviewedTranslationNamesWhoSignedItOffAndWhen() {
        assertThat(TemplateLanguage.readStatus("translation-status/reviewed-signed.properties", false))
                .isEqualTo(TranslationStatus.REVIEWED);
        assertThat(TemplateLanguage.readStatus("translation-status/draft.properties", false))
                .isEqualTo(TranslationStatus.DRAFT);
        assertThatThrownBy(() -> TemplateLanguage.readStatus("translation-status/reviewed-unsigned.properties", false))
                .hasMessageContaining("translation.reviewed-by");
        assertThatThrownBy(() -> TemplateLanguage.readStatus("translation-status/silent.properties", false))
                .hasMessageContaining("translation.status");
        assertThatThrownBy(() -> TemplateLanguage.readStatus("translation-status/draft.properties", true))
                .hasMessageContaining("source text");
    }

    private static Set<String> templateKeys(Properties bundle) {
        return bundle.stringPropertyNames().stream().filter(k -> !k.startsWith("translation."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Long> placeholders(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        return matcher.results().map(r -> r.group(1))
                .collect(Collectors.groupingBy(p -> p, TreeMap::new, Collectors.counting()));
    }
}
