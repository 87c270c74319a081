package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.DecimalStyle;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a notice from the message bundles {@code notices/notices[_fa|_es|_ar].properties}.
 *
 * <p>Each template has a {@code subject} and a {@code body}; CASE_BOOKED and FLIGHT_CHANGED add
 * the person's right to contact counsel and consulate. The command's {@code data} map supplies
 * {@code flightNumber}, {@code departureAt} (ISO-8601 instant), {@code departureAirport},
 * {@code stopoverAirports} (comma-separated IATA codes) and {@code arrivalAirport}. Airports are
 * written as city names in the notice's language ({@code airport.<IATA>} keys); an unknown code is
 * written as is. Missing values never fail a notice: they are written as a dash.
 */
@Component
public class NoticeTemplates {

    private static final String MISSING = "—";

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
        NoticeLanguage language = NoticeLanguage.forRequested(requestedLocale);
        Locale locale = language.locale();
        Object[] flight = {
                value(data, "flightNumber"),
                departure(data.get("departureAt"), locale),
                city(data.get("departureAirport"), locale),
                value(data, "departureAirport"),
                stopovers(data.get("stopoverAirports"), locale),
                city(data.get("arrivalAirport"), locale)};
        String subject = message(template + ".subject", flight, locale);
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(message("intro." + recipient, new Object[0], locale));
        paragraphs.add(message(template + ".body", flight, locale));
        if (template != TemplateKey.CASE_WITHDRAWN) {
            paragraphs.add(message("rights", new Object[0], locale));
        }
        paragraphs.add(message("footer", new Object[]{caseId.toString()}, locale));
        return new RenderedNotice(subject, String.join("\n\n", paragraphs) + "\n",
                html(subject, paragraphs, language), language);
    }

    private static String html(String subject, List<String> paragraphs, NoticeLanguage language) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html dir=\"")
                .append(language.rightToLeft() ? "rtl" : "ltr").append("\" lang=\"").append(language.tag())
                .append("\">\n<head><meta charset=\"UTF-8\"><title>").append(HtmlUtils.htmlEscape(subject))
                .append("</title></head>\n<body style=\"font-family: sans-serif; font-size: 16px;\">\n");
        for (String paragraph : paragraphs) {
            html.append("<p>").append(HtmlUtils.htmlEscape(paragraph)).append("</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private String message(String code, Object[] args, Locale locale) {
        return messages.getMessage(code, args, locale);
    }

    private static String value(Map<String, String> data, String key) {
        String value = data.get(key);
        return value == null || value.isBlank() ? MISSING : value.trim();
    }

    /** "5 December 2026, 08:00 UTC" in the notice's language. */
    private static String departure(String departureAt, Locale locale) {
        if (departureAt == null || departureAt.isBlank()) {
            return MISSING;
        }
        try {
            Instant at = Instant.parse(departureAt.trim());
            DecimalStyle digits = DecimalStyle.of(locale);
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withDecimalStyle(digits)
                    .format(at.atZone(ZoneOffset.UTC))
                    + ", " + DateTimeFormatter.ofPattern("HH:mm", locale).withDecimalStyle(digits)
                    .format(at.atZone(ZoneOffset.UTC))
                    + " UTC";
        } catch (DateTimeParseException e) {
            return departureAt.trim();
        }
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

    private String stopovers(String codes, Locale locale) {
        List<String> cities = codes == null ? List.of() : Arrays.stream(codes.split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).map(c -> city(c, locale)).toList();
        if (cities.isEmpty()) {
            return message("stopover.none", new Object[0], locale);
        }
        return String.join(message("list.separator", new Object[0], locale), cities);
    }
}
