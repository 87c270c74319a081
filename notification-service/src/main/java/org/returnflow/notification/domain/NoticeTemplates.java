package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.DecimalStyle;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a notice from the message bundles {@code notices/notices[_<language>].properties} (see
 * {@link TemplateLanguage}).
 *
 * <p>DESTINATION_NOTICE (written notice of the destination, no flight) takes {@code destinationCountry}
 * (ISO 3166-1 alpha-3, written as the country's name in the notice's language) and {@code windowEndsAt}
 * (ISO-8601 instant, the end of the fear-claim window, written like a departure); instead of the
 * {@code rights} paragraph, which points to the consulate of the person's country, it says how to reach
 * counsel ({@code DESTINATION_NOTICE.counsel}).
 *
 * <p>Each template has a {@code subject} and a {@code body}; CASE_BOOKED and FLIGHT_CHANGED add
 * the person's right to contact counsel and consulate, and use {@code body.direct} for a flight
 * without stopovers. The command's {@code data} map supplies {@code flightNumber}, {@code departureAt}
 * (ISO-8601 instant), {@code departureAirport}, {@code stopoverAirports} (comma-separated IATA codes)
 * and {@code arrivalAirport}. Airports are written as city names in the notice's language
 * ({@code airport.<IATA>} keys); an unknown code is written as is. Missing values never fail a
 * notice: they are written as a dash.
 *
 * <p>A DRAFT translation opens with a note saying it is unchecked and is followed, after a clear
 * separator, by the same notice in English; the subject carries both.
 */
@Component
public class NoticeTemplates {

    /** Keys only the English file has: the heading of the English text after a draft translation. */
    public static final Set<String> ENGLISH_ONLY = Set.of("draft.english");
    /** The line between a draft translation and the English text in the plain-text part. */
    static final String SEPARATOR = "=".repeat(40);

    private static final String MISSING = "—";
    private static final Set<TemplateKey> WITH_FLIGHT = Set.of(TemplateKey.CASE_BOOKED, TemplateKey.FLIGHT_CHANGED);
    private static final Map<String, String> ALPHA2_BY_ALPHA3 = Arrays.stream(Locale.getISOCountries())
            .collect(Collectors.toUnmodifiableMap(a2 -> new Locale("", a2).getISO3Country(), a2 -> a2, (a, b) -> a));

    private final MessageSource messages;

    public NoticeTemplates() {
        ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
        bundles.setBasename("notices/notices");
        bundles.setDefaultEncoding("UTF-8");
        bundles.setFallbackToSystemLocale(false);
        bundles.setAlwaysUseMessageFormat(true);
        this.messages = bundles;
    }

    /** The notice in the language requested, or in English when there are no templates for it. */
    public RenderedNotice render(TemplateKey template, RecipientType recipient, String requestedLocale, UUID caseId,
                                 Map<String, String> data) {
        return render(template, recipient, NoticeLanguage.forRequested(requestedLocale), caseId, data);
    }

    /** The notice with these templates; a draft translation is followed by the English text. */
    public RenderedNotice render(TemplateKey template, RecipientType recipient, NoticeLanguage language, UUID caseId,
                                 Map<String, String> data) {
        Section written = section(template, recipient, language.templates(), caseId, data);
        if (!language.withEnglish()) {
            return new RenderedNotice(written.subject(), written.text() + "\n",
                    html(written.subject(), language.templates(), List.of(written)), language);
        }
        Locale english = TemplateLanguage.EN.bundleLocale();
        Section draft = written.led(message("draft.note", new Object[0], language.locale()));
        Section source = section(template, recipient, TemplateLanguage.EN, caseId, data)
                .led(message("draft.english", new Object[0], english));
        String subject = draft.subject() + " / " + source.subject();
        return new RenderedNotice(subject, draft.text() + "\n\n" + SEPARATOR + "\n\n" + source.text() + "\n",
                html(subject, language.templates(), List.of(draft, source)), language);
    }

    private Section section(TemplateKey template, RecipientType recipient, TemplateLanguage language, UUID caseId,
                            Map<String, String> data) {
        Locale locale = language.bundleLocale();
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(message("intro." + recipient, new Object[0], locale));
        Object[] arguments;
        if (template == TemplateKey.DESTINATION_NOTICE) {
            arguments = new Object[]{
                    country(data.get("destinationCountry"), language),
                    dateTime(data.get("windowEndsAt"), language, locale)};
            paragraphs.add(message(template + ".body", arguments, locale));
            paragraphs.add(message(template + ".counsel", new Object[0], locale));
        } else {
            List<String> stopovers = stopovers(data.get("stopoverAirports"), locale);
            arguments = new Object[]{
                    value(data, "flightNumber"),
                    dateTime(data.get("departureAt"), language, locale),
                    city(data.get("departureAirport"), locale),
                    value(data, "departureAirport"),
                    String.join(message("list.separator", new Object[0], locale), stopovers),
                    city(data.get("arrivalAirport"), locale)};
            String body = WITH_FLIGHT.contains(template) && stopovers.isEmpty() ? ".body.direct" : ".body";
            paragraphs.add(message(template + body, arguments, locale));
            if (template != TemplateKey.CASE_WITHDRAWN) {
                paragraphs.add(message("rights", new Object[0], locale));
            }
        }
        paragraphs.add(message("footer", new Object[]{caseId.toString()}, locale));
        return new Section(language, message(template + ".subject", arguments, locale), null, paragraphs);
    }

    /**
     * The HTML part: the {@code html} element carries the direction and language of the notice; with
     * a draft, each text is its own block with its own direction and language, the English one after
     * a rule.
     */
    private static String html(String subject, TemplateLanguage language, List<Section> sections) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html ").append(direction(language))
                .append(">\n<head><meta charset=\"UTF-8\"><title>").append(escape(subject))
                .append("</title></head>\n<body style=\"font-family: sans-serif; font-size: 16px;\">\n");
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            boolean block = sections.size() > 1;
            if (i > 0) {
                html.append("<hr>\n");
            }
            if (block) {
                html.append("<div ").append(direction(section.language())).append(">\n");
            }
            if (section.lead() != null) {
                html.append("<p><strong>").append(escape(section.lead())).append("</strong></p>\n");
            }
            for (String paragraph : section.paragraphs()) {
                html.append("<p>").append(escape(paragraph)).append("</p>\n");
            }
            if (block) {
                html.append("</div>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String direction(TemplateLanguage language) {
        return "dir=\"" + (language.rightToLeft() ? "rtl" : "ltr") + "\" lang=\"" + language.tag() + "\"";
    }

    /** Only the characters that mean something in HTML; every letter stays as it is. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private String message(String code, Object[] args, Locale locale) {
        return messages.getMessage(code, args, locale);
    }

    private static String value(Map<String, String> data, String key) {
        String value = data.get(key);
        return value == null || value.isBlank() ? MISSING : value.trim();
    }

    /** "December 5, 2026, 08:00 UTC" in the notice's language and digits ({@code datetime} joins date and time). */
    private String dateTime(String instant, TemplateLanguage language, Locale bundle) {
        if (instant == null || instant.isBlank()) {
            return MISSING;
        }
        try {
            Locale locale = language.formatLocale();
            ZonedDateTime at = Instant.parse(instant.trim()).atZone(ZoneOffset.UTC);
            DecimalStyle digits = DecimalStyle.of(locale);
            DateTimeFormatter date = language.datePattern() != null
                    ? DateTimeFormatter.ofPattern(language.datePattern(), locale)
                    : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
            return message("datetime", new Object[]{date.withDecimalStyle(digits).format(at),
                    DateTimeFormatter.ofPattern("HH:mm", locale).withDecimalStyle(digits).format(at)}, bundle);
        } catch (DateTimeParseException e) {
            return instant.trim();
        }
    }

    /**
     * A country's name in the notice's language (CLDR, through the JDK), from its ISO 3166-1 alpha-3
     * code; a code the JDK does not know is written as is.
     */
    private static String country(String alpha3, TemplateLanguage language) {
        if (alpha3 == null || alpha3.isBlank()) {
            return MISSING;
        }
        String code = alpha3.trim().toUpperCase(Locale.ROOT);
        String alpha2 = ALPHA2_BY_ALPHA3.get(code);
        if (alpha2 == null) {
            return code;
        }
        String name = new Locale("", alpha2).getDisplayCountry(language.formatLocale());
        return name.isBlank() || name.equals(alpha2) ? code : name;
    }

    private String city(String iata, Locale locale) {
        if (iata == null || iata.isBlank()) {
            return MISSING;
        }
        String code = iata.trim().toUpperCase(Locale.ROOT);
        try {
            return messages.getMessage("airport." + code, null, locale);
        } catch (NoSuchMessageException e) {
            return code;
        }
    }

    private List<String> stopovers(String codes, Locale locale) {
        return codes == null ? List.of() : Arrays.stream(codes.split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).map(c -> city(c, locale)).toList();
    }

    /** One language's text of the notice; {@code lead} is the line above it when there are two. */
    private record Section(TemplateLanguage language, String subject, String lead, List<String> paragraphs) {

        Section led(String line) {
            return new Section(language, subject, line, paragraphs);
        }

        String text() {
            List<String> all = new ArrayList<>();
            if (lead != null) {
                all.add(lead);
            }
            all.addAll(paragraphs);
            return String.join("\n\n", all);
        }
    }
}
