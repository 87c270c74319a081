package org.returnflow.notification.domain;

import java.util.List;
import java.util.Locale;

/**
 * The language a notice is written in: the requested one when there are templates for it,
 * otherwise English, and then {@code fallback} is true so that the event and the record say so.
 *
 * @param tag      BCP 47 language tag of the templates used, e.g. {@code fa}
 * @param fallback whether the requested language had no templates
 */
public record NoticeLanguage(String tag, boolean fallback) {

    /** Languages with templates; the first is the fallback. */
    public static final List<String> SUPPORTED = List.of("en", "fa", "es", "ar");
    /** Languages written right to left. */
    private static final List<String> RIGHT_TO_LEFT = List.of("fa", "ar", "he", "ur", "ps");

    /** The templates for a requested BCP 47 tag: {@code fa-IR} is written in {@code fa}; {@code sw} falls back. */
    public static NoticeLanguage forRequested(String requested) {
        String language = requested == null ? "" : Locale.forLanguageTag(requested.trim()).getLanguage();
        if (SUPPORTED.contains(language)) {
            return new NoticeLanguage(language, false);
        }
        return new NoticeLanguage(SUPPORTED.get(0), true);
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    public boolean rightToLeft() {
        return RIGHT_TO_LEFT.contains(tag);
    }
}
