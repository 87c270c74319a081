package org.returnflow.notification.domain;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;

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

        assertThat(notice.language()).isEqualTo(new NoticeLanguage("fa", false));
        assertThat(notice.subject()).startsWith("پرواز بازگشت RF2601");
        assertThat(notice.text())
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
        assertThat(es.language()).isEqualTo(new NoticeLanguage("es", false));
        assertThat(es.text()).contains("Este aviso se refiere a un nacional de su Estado.")
                .contains("7 de diciembre de 2026, 14:30 UTC").contains("sin escala").contains("Ciudad de Panamá")
                .contains("derecho a comunicarse con su abogado y con el consulado");

        RenderedNotice ar = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "ar", CASE, IRN_FLIGHT);
        assertThat(ar.text()).contains("تم حجز مقعد على الرحلة RF2601").contains("الدوحة").contains("طهران");
        assertThat(ar.html()).contains("<html dir=\"rtl\" lang=\"ar\">");
    }

    @Test
    void aLanguageWithoutTemplatesFallsBackToEnglishAndSaysSo() {
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "sw", CASE,
                IRN_FLIGHT);

        assertThat(notice.language()).isEqualTo(new NoticeLanguage("en", true));
        assertThat(notice.subject()).startsWith("Return flight RF2601");
        assertThat(notice.html()).contains("lang=\"en\"");
    }

    @Test
    void withdrawalAndFlightChangeInPersian() {
        RenderedNotice withdrawn = templates.render(TemplateKey.CASE_WITHDRAWN, RecipientType.COUNSEL, "fa", CASE,
                Map.of());
        assertThat(withdrawn.subject()).isEqualTo("لغو بازگشت");
        assertThat(withdrawn.text()).contains("از عملیات بازگشت خارج شده است").doesNotContain("کنسولگری");

        RenderedNotice changed = templates.render(TemplateKey.FLIGHT_CHANGED, RecipientType.DETAINEE, "fa", CASE,
                Map.of("flightNumber", "RF2602", "departureAirport", "AEX", "stopoverAirports", "DOH, XYZ"));
        assertThat(changed.subject()).isEqualTo("تغییر در پرواز بازگشت RF2602");
        assertThat(changed.text()).as("an unknown airport is written as its code; a missing date as a dash")
                .contains("در دوحه، XYZ توقف دارد").contains("در تاریخ —");
    }

    @Test
    void valuesAreEscapedInTheHtmlPart() {
        RenderedNotice notice = templates.render(TemplateKey.CASE_BOOKED, RecipientType.DETAINEE, "en", CASE,
                Map.of("flightNumber", "<script>"));
        assertThat(notice.html()).contains("&lt;script&gt;").doesNotContain("<script>");
    }
}
