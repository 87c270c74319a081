package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.TranslationStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The languages notices are written in: one bundle {@code notices/notices_<tag>.properties} each
 * ({@code notices.properties} for English), the script it is written in, its direction, the locale
 * that writes its dates, and whether a translator has signed it off ({@code translation.status} in
 * the bundle itself, read from that file alone, never inherited from the English one).
 *
 * <p>{@link #resolve(String)} decides which templates a requested BCP 47 tag is written with. The
 * person's script counts: {@code fa-AF} is Dari ({@code prs}); {@code zh-TW}, {@code uz-Cyrl} or
 * {@code az-IR} have no templates in their script and are not given another script's.
 */
public enum TemplateLanguage {

    EN("en", "Latn", false),
    FA("fa", "Arab", true),
    /** Dari, Afghan Persian: dates with Afghan month names. */
    PRS("prs", "Arab", true, "fa-AF", null),
    /** Pashto: CLDR's long date ("د ۲۰۲۶ د دسمبر ۵") reads badly after "په", so day, month and year. */
    PS("ps", "Arab", true, "ps", "d MMMM y"),
    AR("ar", "Arab", true),
    UR("ur", "Arab", true),
    ES("es", "Latn", false),
    TR("tr", "Latn", false),
    HI("hi", "Deva", false),
    /** Simplified characters. */
    ZH("zh", "Hans", false),
    VI("vi", "Latn", false),
    NE("ne", "Deva", false),
    SI("si", "Sinh", false),
    UZ("uz", "Latn", false),
    AZ("az", "Latn", false);

    /** What a notice is written in when there are no templates in the requested language and script. */
    public static final TemplateLanguage FALLBACK = EN;

    /**
     * Individual-language subtags (valid BCP 47) that are written with a macrolanguage's templates:
     * Iranian Persian, Pashto's varieties, Standard Arabic, Mandarin, Northern Uzbek, North
     * Azerbaijani, Nepali. {@code azb} (South Azerbaijani) is deliberately absent: its script is Arabic.
     */
    private static final Map<String, String> INDIVIDUAL_LANGUAGES = Map.of("pes", "fa", "pbt", "ps", "pbu", "ps",
            "pst", "ps", "arb", "ar", "cmn", "zh", "uzn", "uz", "azj", "az", "npi", "ne");

    /** The script a language is written in in a region when the tag names none (CLDR likely subtags). */
    private static final Map<String, String> SCRIPT_BY_REGION = Map.of("zh-TW", "Hant", "zh-HK", "Hant",
            "zh-MO", "Hant", "uz-AF", "Arab", "az-IR", "Arab", "az-IQ", "Arab");

    private static final Set<String> REGIONS_OF_DARI = Set.of("AF");

    /** Read once; a bundle that does not say its status stops the service from starting. */
    private static final Map<TemplateLanguage, TranslationStatus> STATUSES = readStatuses();

    private final String tag;
    private final String script;
    private final boolean rightToLeft;
    private final String formatTag;
    private final String datePattern;

    TemplateLanguage(String tag, String script, boolean rightToLeft) {
        this(tag, script, rightToLeft, tag, null);
    }

    TemplateLanguage(String tag, String script, boolean rightToLeft, String formatTag, String datePattern) {
        this.tag = tag;
        this.script = script;
        this.rightToLeft = rightToLeft;
        this.formatTag = formatTag;
        this.datePattern = datePattern;
    }

    /** BCP 47 tag of the templates, e.g. {@code prs}. */
    public String tag() {
        return tag;
    }

    /** ISO 15924 script the templates are written in. */
    public String script() {
        return script;
    }

    public boolean rightToLeft() {
        return rightToLeft;
    }

    /** The locale the bundle is looked up with. */
    public Locale bundleLocale() {
        return Locale.forLanguageTag(tag);
    }

    /** The locale dates and digits are written with. */
    public Locale formatLocale() {
        return Locale.forLanguageTag(formatTag);
    }

    /** A date pattern that replaces the locale's long date, or null. */
    public String datePattern() {
        return datePattern;
    }

    /** The bundle file, relative to the class path root. */
    public String resource() {
        return this == EN ? "notices/notices.properties" : "notices/notices_" + tag + ".properties";
    }

    /** REVIEWED or DRAFT, as the bundle itself says. */
    public TranslationStatus status() {
        return STATUSES.get(this);
    }

    public static Optional<TemplateLanguage> byTag(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equals(tag)).findFirst();
    }

    /**
     * The templates a requested BCP 47 tag is written with, or empty when there are none in that
     * language and script (the notice is then written in English, as a fallback).
     */
    public static Optional<TemplateLanguage> resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.empty();
        }
        Locale locale = Locale.forLanguageTag(requested.trim().replace('_', '-'));
        String language = INDIVIDUAL_LANGUAGES.getOrDefault(locale.getLanguage(), locale.getLanguage());
        String region = locale.getCountry();
        if ("fa".equals(language) && REGIONS_OF_DARI.contains(region)) {
            language = PRS.tag;
        }
        String script = !locale.getScript().isEmpty() ? locale.getScript()
                : SCRIPT_BY_REGION.get(language + "-" + region);
        Optional<TemplateLanguage> templates = byTag(language);
        if (script != null && templates.isPresent() && !templates.get().script.equals(script)) {
            return Optional.empty();
        }
        return templates;
    }

    private static Map<TemplateLanguage, TranslationStatus> readStatuses() {
        Map<TemplateLanguage, TranslationStatus> statuses = new EnumMap<>(TemplateLanguage.class);
        for (TemplateLanguage language : values()) {
            statuses.put(language, readStatus(language.resource(), language == EN));
        }
        return statuses;
    }

    /**
     * Reads {@code translation.status} from one file. A REVIEWED translation names who signed it off
     * and when ({@code translation.reviewed-by}, {@code translation.reviewed-on}); the English source
     * text needs no sign-off.
     */
    static TranslationStatus readStatus(String resource, boolean source) {
        Properties bundle = read(resource);
        String value = bundle.getProperty("translation.status");
        if (value == null) {
            throw new IllegalStateException(resource + " does not say its translation.status");
        }
        TranslationStatus status = TranslationStatus.valueOf(value.trim());
        if (status == TranslationStatus.DRAFT && source) {
            throw new IllegalStateException(resource + " is the source text and cannot be a DRAFT");
        }
        if (status == TranslationStatus.REVIEWED && !source
                && (blank(bundle.getProperty("translation.reviewed-by"))
                || blank(bundle.getProperty("translation.reviewed-on")))) {
            throw new IllegalStateException(resource + " is REVIEWED but does not name "
                    + "translation.reviewed-by and translation.reviewed-on");
        }
        return status;
    }

    /** One bundle file on its own, without the English keys a resource bundle would inherit. */
    static Properties read(String resource) {
        try (InputStream in = TemplateLanguage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No templates at " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
