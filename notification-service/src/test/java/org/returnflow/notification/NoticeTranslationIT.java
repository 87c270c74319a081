package org.returnflow.notification;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People of the Panama group as the workflow notifies them: an Afghan who asked for {@code fa-AF}
 * gets Dari, right to left; a Pashto reader Pashto, right to left; a Turkish reader Turkish, left to
 * right. Each of these translations is still a draft, so the English text follows it in the same
 * e-mail, and the record, the API and {@code NotificationDelivered} say so. On real PostgreSQL, Kafka
 * and SMTP (GreenMail).
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.notification.sender.interval-ms=100",
        "resilience4j.retry.configs.default.wait-duration=100ms"})
class NoticeTranslationIT extends RealMailAndKafka {

    static final String SEPARATOR = "\n\n" + "=".repeat(40) + "\n\n";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAfghanWhoAskedForFaAfIsWrittenToInDariRightToLeftWithTheEnglishText() throws Exception {
        // As in the reference scenario: detention registers the facility's notice address in the
        // person's preferred language, and the workflow sends no address.
        UUID detaineeId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        String facility = "notices-" + detaineeId + "@la-jena.example.org";
        commands.send(new RegisterContact(detaineeId, RecipientType.DETAINEE, facility, "fa-AF"));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from contact where detainee_id = ?", Integer.class, detaineeId) == 1);

        commands.send(new SendNotification(caseId, detaineeId, RecipientType.DETAINEE, null, null,
                TemplateKey.CASE_BOOKED, "fa-AF", UUID.randomUUID(), panamaFlight()));
        NotificationDelivered event = delivered(caseId, RecipientType.DETAINEE);

        assertThat(event.locale()).isEqualTo("prs");
        assertThat(event.locale()).isEqualTo("prs");
        assertThat(event.translationStatus()).isEqualTo(TranslationStatus.DRAFT);
        assertThat(event.fallbackLocale()).isFalse();
        MimeMessage mail = smtp.messagesTo(facility).get(0);
        assertThat(mail.getHeader("Content-Language")).containsExactly("prs, en");
        assertThat(mail.getSubject()).startsWith("پرواز برگشت RFP11 به تاریخ ۷ دسمبر ۲۰۲۶")
                .endsWith(" / Return flight RFP11 on December 7, 2026, 14:30 UTC");
        String[] text = text(mail, "text/plain").split(SEPARATOR);
        assertThat(text).hasSize(2);
        assertThat(text[0]).as("the Dari draft first, saying it is unchecked")
                .startsWith("این ترجمه هنوز توسط یک ترجمان مسلکی بررسی نشده است.")
                .contains("برای پرواز RFP11 یک چوکی ریزرف شده است.")
                .contains("بدون توقف مستقیم به شهر پاناما می‌رود")
                .contains("با قونسلگری کشور خود تماس بگیرد")
                .doesNotContain("Panama City");
        assertThat(text[1]).as("then the English text")
                .startsWith("The same notice in English.")
                .contains("flies directly to Panama City, with no stopover")
                .contains("Case reference: " + caseId);
        assertThat(text(mail, "text/html"))
                .startsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"prs\">")
                .containsSubsequence("<div dir=\"rtl\" lang=\"prs\">", "چوکی", "<hr>",
                        "<div dir=\"ltr\" lang=\"en\">", "Panama City");

        Map<String, Object> view = notices(caseId).get(0);
        assertThat(view).containsEntry("requestedLocale", "fa-AF").containsEntry("locale", "prs")
                .containsEntry("templateLanguage", "prs").containsEntry("fallbackLocale", false)
                .containsEntry("translationStatus", "DRAFT").containsEntry("englishAttached", true)
                .containsEntry("status", "DELIVERED");
    }

    @Test
    void aPashtoReaderGetsPashtoRightToLeftAndCounselTheReviewedEnglishAlone() throws Exception {
        UUID caseId = UUID.randomUUID();
        String person = "person-" + caseId + "@example.org";
        String counsel = "counsel-" + caseId + "@example.org";
        UUID flightId = UUID.randomUUID();
        commands.send(new SendNotification(caseId, UUID.randomUUID(), RecipientType.DETAINEE, person, null,
                TemplateKey.CASE_BOOKED, "ps", flightId, panamaFlight()));
        commands.send(new SendNotification(caseId, UUID.randomUUID(), RecipientType.COUNSEL, counsel, null,
                TemplateKey.CASE_BOOKED, "en", flightId, panamaFlight()));

        NotificationDelivered pashto = delivered(caseId, RecipientType.DETAINEE);
        NotificationDelivered english = delivered(caseId, RecipientType.COUNSEL);

        assertThat(pashto.locale()).isEqualTo("ps");
        assertThat(pashto.translationStatus()).isEqualTo(TranslationStatus.DRAFT);
        MimeMessage mail = smtp.messagesTo(person).get(0);
        assertThat(mail.getHeader("Content-Language")).containsExactly("ps, en");
        assertThat(text(mail, "text/plain")).containsSubsequence(
                "دا ژباړه لا تر اوسه", "په RFP11 الوتنه کې یوه څوکۍ ریزرف شوې ده.", "د پاناما ښار ته ځي", SEPARATOR,
                "The same notice in English.", "flies directly to Panama City");
        assertThat(text(mail, "text/html")).startsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ps\">");

        assertThat(english.locale()).isEqualTo("en");
        assertThat(english.translationStatus()).isEqualTo(TranslationStatus.REVIEWED);
        MimeMessage counselMail = smtp.messagesTo(counsel).get(0);
        assertThat(counselMail.getHeader("Content-Language")).containsExactly("en");
        assertThat(text(counselMail, "text/plain")).startsWith("This notice concerns a person you represent.")
                .doesNotContain("=".repeat(40)).doesNotContain("not yet been checked");
        assertThat(text(counselMail, "text/html")).contains("<html dir=\"ltr\" lang=\"en\">")
                .doesNotContain("<hr>");

        assertThat(notices(caseId)).extracting(n -> n.get("recipientType") + " " + n.get("templateLanguage") + " "
                        + n.get("translationStatus") + " " + n.get("englishAttached"))
                .containsExactlyInAnyOrder("DETAINEE ps DRAFT true", "COUNSEL en REVIEWED false");
    }

    @Test
    void aTurkishReaderGetsTurkishLeftToRightWithTheEnglishText() throws Exception {
        UUID caseId = UUID.randomUUID();
        String person = "person-" + caseId + "@example.org";
        commands.send(new SendNotification(caseId, UUID.randomUUID(), RecipientType.DETAINEE, person, null,
                TemplateKey.FLIGHT_CHANGED, "tr", UUID.randomUUID(), panamaFlight()));

        NotificationDelivered event = delivered(caseId, RecipientType.DETAINEE);

        assertThat(event.locale()).isEqualTo("tr");
        assertThat(event.translationStatus()).isEqualTo(TranslationStatus.DRAFT);
        MimeMessage mail = smtp.messagesTo(person).get(0);
        assertThat(mail.getSubject())
                .isEqualTo("RFP11 sefer sayılı geri dönüş uçuşunda değişiklik / Change to return flight RFP11");
        assertThat(mail.getHeader("Content-Language")).containsExactly("tr, en");
        assertThat(text(mail, "text/plain")).containsSubsequence(
                "Bu çeviri henüz yetkin bir çevirmen tarafından kontrol edilmemiştir.",
                "Uçuş artık RFP11 sefer sayılı uçuştur.", "7 Aralık 2026, saat 14:30 UTC",
                "İlgili kişinin, hareketten önce avukatıyla", SEPARATOR,
                "The return flight has changed. The flight is now RFP11.");
        assertThat(text(mail, "text/html"))
                .startsWith("<!DOCTYPE html>\n<html dir=\"ltr\" lang=\"tr\">")
                .containsSubsequence("<div dir=\"ltr\" lang=\"tr\">", "<hr>", "<div dir=\"ltr\" lang=\"en\">");
        assertThat(jdbc.queryForMap("select locale, requested_locale, translation_status, english_attached "
                + "from notification where case_id = ?", caseId))
                .containsEntry("locale", "tr").containsEntry("requested_locale", "tr")
                .containsEntry("translation_status", "DRAFT").containsEntry("english_attached", true);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notices(UUID caseId) {
        ResponseEntity<Map> list = http.exchange("/api/notifications?caseId=" + caseId, HttpMethod.GET,
                new HttpEntity<>(TestClient.NOTIFICATION_SENDER.headers()), Map.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.toString()).doesNotContain("example.org");
        return (List<Map<String, Object>>) list.getBody().get("content");
    }

    /** A flight of the Panama group: no stopover. */
    static Map<String, String> panamaFlight() {
        return Map.of("flightNumber", "RFP11", "departureAt", "2026-12-07T14:30:00Z", "departureAirport", "AEX",
                "arrivalAirport", "PTY");
    }
}
