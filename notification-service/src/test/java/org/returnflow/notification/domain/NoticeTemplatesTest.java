package org.returnflow.notification.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeTemplatesTest {

    static final UUID CASE = UUID.fromString("6f0b8a52-4c1e-4d2a-9b7e-1a2b3c4d5e01");
    static final Map<String, String> IRN_FLIGHT = Map.of("flightNumber", "RF2601",
            "departureAt", "2026-12-05T08:00:00Z", "departureAirport", "AEX", "stopoverAirports", "DOH",
            "arrivalAirport", "IKA");

    final NoticeTemplates templates = new NoticeTemplates();

    @Test
    void caseBookedInPersianNamesFlightDateAirportsAndRightsRightToLeft() {
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "fa", CASE,
                IRN_FLIGHT);

        assertThat(notice.language()).isEqualTo(new NoticeLanguage(TemplateLanguage.FA, false));
        assertThat(notice.subject()).startsWith("پرواز بازگشت RF2601");
        String persian = notice.text().split(NoticeTemplates.SEPARATOR)[0];
        assertThat(persian)
                .contains("این اطلاعیه دربارهٔ بازگشت شماست.")
                .contains("از الکساندریا، لوئیزیانا (AEX)")
                .contains("در دوحه توقف دارد")
                .contains("در تهران فرود می‌آید")
                .contains("۲۰۲۶").as("the date in the notice's language").doesNotContain("December")
                .contains("۰۸:۰۰ UTC")
                .contains("با وکیل خود و با کنسولگری کشور خود تماس بگیرد")
                .contains(CASE.toString());
        assertThat(notice.html()).contains("<html dir=\"rtl\" lang=\"fa\">").contains("<p>برای پرواز RF2601");
    }

    @Test
    void caseBookedInEnglishSpanishAndArabic() {
        RenderedNotice en = templates.render(TemplateKey.CASE_BOOKED, RecipientType.COUNSEL, "en", CASE, IRN_FLIGHT);
        assertThat(en.subject()).isEqualTo("Return flight RF2601 on December 5, 2026, 08:00 UTC");
        assertThat(en.text()).contains("This notice concerns a person you represent.")
                .contains("departs from Alexandria, Louisiana (AEX) on December 5, 2026, 08:00 UTC, stops over in Doha "
                        + "and arrives in Tehran")
                .contains("right to contact their legal counsel and the consulate");
        assertThat(en.html()).contains("<html dir=\"ltr\" lang=\"en\">");

        RenderedNotice es = templates.render(TemplateKey.CASE_BOOKED, RecipientType.CONSULATE, "es-MX", CASE,
                Map.of("flightNumber", "RF2710", "departureAt", "2026-12-07T14:30:00Z", "departureAirport", "AEX",
                        "arrivalAirport", "PTY"));
        assertThat(es.language()).isEqualTo(new NoticeLanguage(TemplateLanguage.ES, false));
        assertThat(es.text()).contains("Este aviso se refiere a un nacional de su Estado.")
                .contains("el 7 de diciembre de 2026, a las 14:30 UTC").contains("va directamente a Ciudad de Panamá, sin escalas")
                .doesNotContain("hace escala")
                .contains("derecho a comunicarse con su abogado y con el consulado");

        RenderedNotice ar = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "ar", CASE, IRN_FLIGHT);
        assertThat(ar.text()).contains("تم حجز مقعد على الرحلة RF2601").contains("الدوحة").contains("طهران");
        assertThat(ar.html()).contains("<html dir=\"rtl\" lang=\"ar\">");
    }

    @Test
    void aLanguageWithoutTemplatesFallsBackToEnglishAndSaysSo() {
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "sw", CASE,
                IRN_FLIGHT);

        assertThat(notice.language()).isEqualTo(new NoticeLanguage(TemplateLanguage.EN, true));
        assertThat(notice.subject()).startsWith("Return flight RF2601");
        assertThat(notice.html()).contains("lang=\"en\"");
    }

    @Test
    void withdrawalAndFlightChangeInPersian() {
        RenderedNotice withdrawn = templates.render(TemplateKey.CASE_WITHDRAWN, RecipientType.COUNSEL, "fa", CASE,
                Map.of());
        assertThat(withdrawn.subject()).isEqualTo("لغو بازگشت / Return cancelled");
        assertThat(withdrawn.text()).contains("از عملیات بازگشت خارج شده است").doesNotContain("کنسولگری");

        RenderedNotice changed = templates.render(TemplateKey.FLIGHT_CHANGED, RecipientType.DETAINEE, "fa", CASE,
                Map.of("flightNumber", "RF2602", "departureAirport", "AEX", "stopoverAirports", "DOH, XYZ"));
        assertThat(changed.subject()).isEqualTo("تغییر در پرواز بازگشت RF2602 / Change to return flight RF2602");
        assertThat(changed.text()).as("an unknown airport is written as its code; a missing date as a dash")
                .contains("در دوحه، XYZ توقف دارد").contains("در تاریخ —");
    }

    @Test
    void valuesAreEscapedInTheHtmlPart() {
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "en", CASE,
                Map.of("flightNumber", "<script>"));
        assertThat(notice.html()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void aFlightWithoutStopoversFliesDirectlyInEveryLanguage() {
        Map<String, String> panama = Map.of("flightNumber", "RFP11", "departureAt", "2026-12-07T14:30:00Z",
                "departureAirport", "AEX", "arrivalAirport", "PTY");

        RenderedNotice en = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "en", CASE, panama);
        assertThat(en.text()).contains("departs from Alexandria, Louisiana (AEX) on December 7, 2026, 14:30 UTC and "
                + "flies directly to Panama City, with no stopover.").doesNotContain("stops over");
        RenderedNotice tr = templates.render(TemplateKey.FLIGHT_CHANGED, RecipientType.DETAINEE, "tr", CASE, panama);
        assertThat(tr.text()).contains("Uçuş artık RFP11 sefer sayılı uçuştur.")
                .contains("ara iniş yapmadan doğrudan Panama City varış noktasına gidecektir").doesNotContain("ara inişli");
    }

    @Test
    void aDraftIsFollowedByTheEnglishTextClearlySeparated() {
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "fa-AF", CASE,
                IRN_FLIGHT);

        assertThat(notice.language()).isEqualTo(new NoticeLanguage(TemplateLanguage.PRS, false));
        assertThat(notice.englishAttached()).isTrue();
        assertThat(notice.contentLanguage()).isEqualTo("prs, en");
        assertThat(notice.subject()).isEqualTo("پرواز برگشت RF2601 به تاریخ ۵ دسمبر ۲۰۲۶، ساعت ۰۸:۰۰ UTC / "
                + "Return flight RF2601 on December 5, 2026, 08:00 UTC");
        String[] parts = notice.text().split("\n\n" + NoticeTemplates.SEPARATOR + "\n\n");
        assertThat(parts).hasSize(2);
        assertThat(parts[0]).as("the draft first, opening with the note that it is unchecked")
                .startsWith("این ترجمه هنوز توسط یک ترجمان مسلکی بررسی نشده است.")
                .contains("برای پرواز RF2601 یک چوکی ریزرف شده است.")
                .contains("به تاریخ ۵ دسمبر ۲۰۲۶، ساعت ۰۸:۰۰ UTC").as("Afghan month name").doesNotContain("دسامبر")
                .contains("با قونسلگری کشور خود").doesNotContain("Return flight");
        assertThat(parts[1]).as("then the English text")
                .startsWith("The same notice in English. The translation above has not yet been checked")
                .contains("This notice concerns your return.")
                .contains("stops over in Doha and arrives in Tehran")
                .contains("right to contact their legal counsel")
                .endsWith("Case reference: " + CASE + ". This message was sent automatically; please do not reply to it.\n");
        assertThat(notice.html())
                .startsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"prs\">")
                .containsSubsequence("<div dir=\"rtl\" lang=\"prs\">", "<p><strong>این ترجمه هنوز", "چوکی",
                        "</div>", "<hr>", "<div dir=\"ltr\" lang=\"en\">", "<p><strong>The same notice in English.",
                        "arrives in Tehran", "</div>");
    }

    @Test
    void aReviewedTextIsSentAloneAndAFallbackIsEnglishAlone() {
        RenderedNotice en = templates.render(TemplateKey.CASE_BOOKED, RecipientType.COUNSEL, "en", CASE, IRN_FLIGHT);
        RenderedNotice sw = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "sw", CASE, IRN_FLIGHT);

        assertThat(List.of(en, sw)).allSatisfy(notice -> {
            assertThat(notice.englishAttached()).isFalse();
            assertThat(notice.contentLanguage()).isEqualTo("en");
            assertThat(notice.text()).doesNotContain(NoticeTemplates.SEPARATOR).doesNotContain("not yet been checked");
            assertThat(notice.html()).doesNotContain("<hr>").doesNotContain("<div");
        });
    }

    @Test
    void pashtoDatesReadAsDayMonthYear() {
        RenderedNotice ps = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "ps", CASE, IRN_FLIGHT);

        assertThat(ps.text()).contains("دا الوتنه په ۵ دسمبر ۲۰۲۶، ساعت ۰۸:۰۰ UTC له الکساندریا، لوېزیانا (AEX) څخه حرکت کوي")
                .contains("په دوحه کې تم کېږي او تهران ته رسېږي");
    }

    // ---- DESTINATION_NOTICE ------------------------------------------------------------------------

    static final Map<String, String> DESTINATION = Map.of("destinationCountry", "IRN",
            "windowEndsAt", "2026-12-04T17:00:00Z");

    @Test
    void destinationNoticeInEnglishNamesTheCountryTheWindowEndAndHowToReachCounsel() {
        RenderedNotice en = templates.render(TemplateKey.DESTINATION_NOTICE, RecipientType.DETAINEE, "en", CASE,
                DESTINATION);

        assertThat(en.subject()).isEqualTo("Notice of destination: Iran");
        assertThat(en.text()).isEqualTo("""
                This notice concerns your return.

                The person concerned is to be removed to Iran. If they fear persecution or torture in that country, \
                they may make a fear claim until December 4, 2026, 17:00 UTC by telling the staff of the facility or \
                their legal counsel. They will not be removed to that country while the claim is being decided.

                To reach legal counsel, ask the staff of the facility for a telephone call; it is free of charge. \
                A person without legal counsel can ask the staff for a list of free legal services.

                Case reference: 6f0b8a52-4c1e-4d2a-9b7e-1a2b3c4d5e01. This message was sent automatically; please do \
                not reply to it.
                """);
        assertThat(en.text()).as("never sends someone who fears their country to its consulate")
                .doesNotContain("consulate");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fa, ایران, ۱۷:۰۰ UTC", "prs, ایران, ۱۷:۰۰ UTC", "ps, ايران, ۱۷:۰۰ UTC", "ar, إيران, UTC",
            "ur, ایران, UTC", "es, Irán, 17:00 UTC", "tr, İran, 17:00 UTC", "hi, ईरान, 17:00 UTC", "zh, 伊朗, 17:00（UTC）",
            "vi, Iran, 17:00 UTC", "ne, इरान, UTC", "si, ඉරානය, 17:00 UTC", "uz, Eron, 17:00 UTC",
            "az, İran, 17:00 UTC"})
    void destinationNoticeNamesTheCountryAndTheWindowEndInTheNoticesLanguage(String tag, String country,
                                                                             String time) {
        TemplateLanguage language = TemplateLanguage.byTag(tag).orElseThrow();
        for (RecipientType recipient : List.of(RecipientType.DETAINEE, RecipientType.COUNSEL)) {
            RenderedNotice notice = templates.render(TemplateKey.DESTINATION_NOTICE, recipient, tag, CASE,
                    DESTINATION);
            String written = notice.text().split(NoticeTemplates.SEPARATOR)[0];

            assertThat(notice.subject()).as("subject in %s", tag).contains(country);
            assertThat(written).as("%s to %s", tag, recipient).contains(country).contains(time)
                    .doesNotContain("IRN").doesNotContain("—").doesNotContain("December")
                    .contains(CASE.toString());
            assertThat(written.strip().split("\n\n")).as("draft note, intro, body, counsel, footer").hasSize(
                    language.status() == TranslationStatus.DRAFT ? 5 : 4);
            assertThat(notice.html()).startsWith("<!DOCTYPE html>\n<html dir=\""
                    + (language.rightToLeft() ? "rtl" : "ltr") + "\" lang=\"" + tag + "\">");
            assertThat(notice.text()).as("English follows the draft").contains("to be removed to Iran");
        }
    }

    @Test
    void destinationNoticeWritesAnUnknownCountryCodeAsItIsAndAMissingWindowAsADash() {
        RenderedNotice notice = templates.render(TemplateKey.DESTINATION_NOTICE, RecipientType.COUNSEL, "en", CASE,
                Map.of("destinationCountry", "XKX"));
        assertThat(notice.text()).contains("to be removed to XKX.").contains("until — by telling");
        RenderedNotice panama = templates.render(TemplateKey.DESTINATION_NOTICE, RecipientType.COUNSEL, "en", CASE,
                Map.of("destinationCountry", "pan", "windowEndsAt", "2026-12-06T09:30:00Z"));
        assertThat(panama.subject()).isEqualTo("Notice of destination: Panama");
        assertThat(panama.text()).contains("until December 6, 2026, 09:30 UTC");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TemplateLanguage.class)
    void everyTemplateRendersCompletelyInEveryLanguageWithItsDirection(TemplateLanguage language) {
        Map<String, String> data = new HashMap<>(IRN_FLIGHT);
        data.putAll(DESTINATION);
        for (TemplateKey template : TemplateKey.values()) {
            for (RecipientType recipient : RecipientType.values()) {
                RenderedNotice notice = templates.render(template, recipient, language.tag(), CASE, data);
                String direction = language.rightToLeft() ? "rtl" : "ltr";

                assertThat(notice.language().templates()).isEqualTo(language);
                assertThat(notice.subject() + notice.text()).as("%s %s", template, language)
                        .doesNotContainPattern("\\{\\d+}").contains(CASE.toString());
                assertThat(notice.html()).startsWith("<!DOCTYPE html>\n<html dir=\"" + direction + "\" lang=\""
                        + language.tag() + "\">");
                assertThat(notice.text()).as("the text part is plain text").doesNotContain("<p>", "&lt;", "&#", "&amp;");
                if (template == TemplateKey.CASE_BOOKED || template == TemplateKey.FLIGHT_CHANGED) {
                    assertThat(notice.text()).contains("RF2601").contains("(AEX)");
                }
                if (template == TemplateKey.DESTINATION_NOTICE) {
                    assertThat(notice.text()).doesNotContain("RF2601").doesNotContain("—").doesNotContain("IRN");
                }
                String written = notice.text().split(NoticeTemplates.SEPARATOR)[0];
                for (String paragraph : written.strip().split("\n\n")) {
                    assertThat(firstStrongDirection(paragraph)).as("direction of \"%s\"", paragraph)
                            .isEqualTo(direction);
                }
            }
        }
    }

    /** How a mail reader lays out a plain-text paragraph: by its first strong character (Unicode bidi P2, P3). */
    private static String firstStrongDirection(String paragraph) {
        return paragraph.codePoints().mapToObj(Character::getDirectionality)
                .filter(d -> d == Character.DIRECTIONALITY_LEFT_TO_RIGHT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)
                .findFirst().map(d -> d == Character.DIRECTIONALITY_LEFT_TO_RIGHT ? "ltr" : "rtl").orElse("none");
    }
}
