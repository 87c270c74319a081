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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The written notice of the destination (issue 18 item 3) as the workflow sends it: SendNotification
 * with templateKey DESTINATION_NOTICE, data {destinationCountry, windowEndsAt} and no flight, to the
 * person (Persian, right to left, the English text attached to the draft) and to counsel (English).
 * Sent twice, it is delivered once; addressed to a consulate, it is refused. On real PostgreSQL,
 * Kafka and SMTP (GreenMail).
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.notification.sender.interval-ms=100",
        "resilience4j.retry.configs.default.wait-duration=100ms"})
class DestinationNoticeIT extends RealMailAndKafka {

    static final String SEPARATOR = "\n\n" + "=".repeat(40) + "\n\n";
    static final Map<String, String> IRAN_WINDOW = Map.of("destinationCountry", "IRN",
            "windowEndsAt", "2026-12-04T17:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thePersonAndCounselAreToldTheDestinationAndUntilWhenTheyMayClaimFear() throws Exception {
        UUID detaineeId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        String facility = "notices-" + detaineeId + "@la-asf.example.org";
        String counsel = "counsel-" + detaineeId + "@law.example.org";
        commands.send(new RegisterContact(detaineeId, RecipientType.DETAINEE, facility, "fa"));
        commands.send(new RegisterContact(detaineeId, RecipientType.COUNSEL, counsel, "en"));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from contact where detainee_id = ?", Integer.class, detaineeId) == 2);

        SendNotification toPerson = new SendNotification(caseId, detaineeId, RecipientType.DETAINEE, null, null,
                TemplateKey.DESTINATION_NOTICE, "fa", null, IRAN_WINDOW);
        commands.send(toPerson);
        commands.send(new SendNotification(caseId, detaineeId, RecipientType.COUNSEL, null, null,
                TemplateKey.DESTINATION_NOTICE, "fa", null, IRAN_WINDOW));
        String again = commands.send(toPerson).getId(); // a second command (new id) for the same notice

        NotificationDelivered person = delivered(caseId, RecipientType.DETAINEE);
        NotificationDelivered lawyer = delivered(caseId, RecipientType.COUNSEL);
        assertThat(person.templateKey()).isEqualTo(TemplateKey.DESTINATION_NOTICE);
        assertThat(person.locale()).isEqualTo("fa");
        assertThat(person.translationStatus()).isEqualTo(TranslationStatus.DRAFT);
        assertThat(lawyer.locale()).as("counsel reads the language registered for counsel").isEqualTo("en");

        MimeMessage mail = smtp.messagesTo(facility).get(0);
        assertThat(mail.getSubject()).isEqualTo("اطلاعیهٔ کشور مقصد: ایران / Notice of destination: Iran");
        String[] text = text(mail, "text/plain").split(SEPARATOR);
        assertThat(text).hasSize(2);
        assertThat(text[0]).contains("قرار است شخص مورد نظر به ایران بازگردانده شود.")
                .contains("۱۷:۰۰ UTC").contains("ادعای ترس").contains("وکیل")
                .doesNotContain("کنسولگری").doesNotContain("IRN");
        assertThat(text[1]).contains("to be removed to Iran").contains("until December 4, 2026, 17:00 UTC")
                .doesNotContain("consulate");
        assertThat(text(mail, "text/html")).startsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"fa\">");

        MimeMessage counselMail = smtp.messagesTo(counsel).get(0);
        assertThat(counselMail.getSubject()).isEqualTo("Notice of destination: Iran");
        assertThat(text(counselMail, "text/plain")).startsWith("This notice concerns a person you represent.")
                .contains("fear claim until December 4, 2026, 17:00 UTC").contains("free legal services");

        // Once the second command for the person was handled: still one notice and one e-mail each.
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from processed_message where "
                + "message_id = ?", Integer.class, again) == 1);
        assertThat(smtp.messagesTo(facility)).hasSize(1);
        assertThat(smtp.messagesTo(counsel)).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from notification where case_id = ?", Integer.class,
                caseId)).isEqualTo(2);
    }

    @Test
    void aConsulateIsNeverSentTheDestinationNotice() {
        UUID caseId = UUID.randomUUID();
        String person = "person-" + caseId + "@example.org";
        commands.send(new SendNotification(caseId, UUID.randomUUID(), RecipientType.CONSULATE, null, "IRN",
                TemplateKey.DESTINATION_NOTICE, "fa", null, IRAN_WINDOW));
        // Same case, same partition, after it: once this one is delivered, the consulate's was handled.
        commands.send(new SendNotification(caseId, UUID.randomUUID(), RecipientType.DETAINEE, person, null,
                TemplateKey.DESTINATION_NOTICE, "en", null, IRAN_WINDOW));

        delivered(caseId, RecipientType.DETAINEE);
        assertThat(jdbc.queryForObject("select count(*) from notification where case_id = ? and recipient_type = "
                + "'CONSULATE'", Integer.class, caseId)).isZero();
        assertThat(events.poll()).noneMatch(e -> caseId.toString().equals(e.subject())
                && e.json().contains("CONSULATE"));
    }
}
