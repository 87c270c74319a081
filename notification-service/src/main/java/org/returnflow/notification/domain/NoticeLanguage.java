package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.TranslationStatus;

import java.util.Locale;

/**
 * The templates a notice is written with: those for the requested language and script when they
 * exist (see {@link TemplateLanguage#resolve(String)}), otherwise English, and then {@code fallback}
 * is true so that the record and the event say so.
 *
 * @param templates the templates used
 * @param fallback  whether the requested language had no templates
 */
public record NoticeLanguage(TemplateLanguage templates, boolean fallback) {

    /** The templates for a requested BCP 47 tag: {@code fa-IR} is written in {@code fa}, {@code fa-AF} in {@code prs}; {@code sw} falls back. */
    public static NoticeLanguage forRequested(String requested) {
        return TemplateLanguage.resolve(requested)
                .map(templates -> new NoticeLanguage(templates, false))
                .orElseGet(() -> new NoticeLanguage(TemplateLanguage.FALLBACK, true));
    }

    /** BCP 47 tag of the templates used, e.g. {@code prs}. */
    public String tag() {
        return templates.tag();
    }

    public Locale locale() {
        return templates.bundleLocale();
    }

    public boolean rightToLeft() {
        return templates.rightToLeft();
    }

    public TranslationStatus status() {
        return templates.status();
    }

    /** A draft translation is sent together with the English text, until a reviewed one exists. */
    public boolean withEnglish() {
        return status() == TranslationStatus.DRAFT;
    }
}
