package org.returnflow.notification.domain;

/**
 * A notice written out in one language: the subject, a plain-text part and an HTML part.
 *
 * @param language the templates used; right-to-left languages get {@code dir="rtl"} in the HTML part
 */
public record RenderedNotice(String subject, String text, String html, NoticeLanguage language) {
}
