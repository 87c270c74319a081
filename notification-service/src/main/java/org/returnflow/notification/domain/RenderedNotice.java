package org.returnflow.notification.domain;

/**
 * A notice written out: the subject, a plain-text part and an HTML part. A draft translation is
 * followed by the English text in each of them.
 *
 * @param language the templates used; right-to-left languages get {@code dir="rtl"} in the HTML part
 */
public record RenderedNotice(String subject, String text, String html, NoticeLanguage language) {

    /** Whether the English text follows the translation, because the translation is a draft. */
    public boolean englishAttached() {
        return language.withEnglish();
    }

    /** The {@code Content-Language} of the e-mail (RFC 3282): {@code fa}, or {@code fa, en} with the English text. */
    public String contentLanguage() {
        return englishAttached() ? language.tag() + ", " + TemplateLanguage.EN.tag() : language.tag();
    }
}
