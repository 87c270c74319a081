package org.returnflow.notification;

import io.cloudevents.CloudEvent;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From SendNotification on notification.commands, through a real SMTP server (GreenMail), to
 * NotificationDelivered or NotificationFailed on notification.events, on real PostgreSQL and Kafka.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.notification.sender.interval-ms=100",
        "resilience4j.retry.configs.default.wait-duration=100ms"})
class NotificationDeliveryIT extends RealMailAndKafka {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPersianCaseBookedNoticeIsDeliveredOnceHoweverOftenTheCommandComes() throws Exception {
        UUID caseId = UUID.randomUUID();
        String person = "person-" + caseId + "@example.org";
        SendNotification booked = caseBooked(caseId, RecipientType.DETAINEE, person, "fa");

        CloudEvent first = commands.send(booked);
        ReceivedEvent delivered = events.awaitOne(DELIVERED, caseId.toString(), WAIT);

        assertThat(delivered.schemaErrors()).isEmpty();
        NotificationDelivered event = delivered.data(NotificationDelivered.class);
        assertThat(event.recipientType()).isEqualTo(RecipientType.DETAINEE);
        assertThat(event.locale()).isEqualTo("fa");
        assertThat(event.fallbackLocale()).isFalse();
        // The answer names the command it answers and the flight the notice is about.
        assertThat(event.requestId()).hasToString(first.getId());
        assertThat(event.flightId()).isEqualTo(booked.flightId());
        assertThat(delivered.json()).doesNotContain(person);
        MimeMessage mail = smtp.messagesTo(person).get(0);
        assertThat(mail.getMessageID()).isEqualTo(event.smtpMessageId())
                .isEqualTo("<" + event.notificationId() + "@returnflow.local>");
        assertThat(mail.getSubject()).startsWith("پرواز بازگشت RF2601");
        assertThat(SmtpSink.part(mail, "text/plain")).contains("در دوحه توقف دارد").contains("در تهران فرود می‌آید");
        assertThat(SmtpSink.part(mail, "text/html")).contains("dir=\"rtl\"");

        // The same command redelivered (same CloudEvents id), and sent again (new id, same key).
        commands.send(booked, first.getId());
        commands.send(booked);
        // Then one for counsel: same case, so the same partition, handled after the two above.
        String counsel = "counsel-" + caseId + "@example.org";
        commands.send(caseBooked(caseId, RecipientType.COUNSEL, counsel, "en"));
        events.await(e -> e.type().equals(DELIVERED) && caseId.toString().equals(e.subject())
                && e.data(NotificationDelivered.class).recipientType() == RecipientType.COUNSEL, 1, WAIT);

        assertThat(smtp.messagesTo(counsel)).hasSize(1);
        assertThat(smtp.messagesTo(person)).as("one e-mail however often the command came").hasSize(1);
        // A command that comes after delivery is answered again with the same fact; one that comes
        // while the notice is pending is answered by the one delivery. Either way: one notice.
        assertThat(events.poll().stream().filter(e -> e.type().equals(DELIVERED)
                        && caseId.equals(e.data(NotificationDelivered.class).caseId()))
                .map(e -> e.data(NotificationDelivered.class))
                .filter(d -> d.recipientType() == RecipientType.DETAINEE))
                .isNotEmpty().allSatisfy(d -> assertThat(sameDelivery(d)).isEqualTo(sameDelivery(event)));

        // Rebooked onto the same flight, the case asks again after delivery: answered, no e-mail,
        // and the answer names the newest request, so the case's new wait takes it.
        String askedAgain = commands.send(booked).getId();
        assertThat(events.await(e -> e.type().equals(DELIVERED) && caseId.toString().equals(e.subject())
                && e.data(NotificationDelivered.class).recipientType() == RecipientType.DETAINEE
                && askedAgain.equals(String.valueOf(e.data(NotificationDelivered.class).requestId())), 1, WAIT))
                .allSatisfy(e -> assertThat(sameDelivery(e.data(NotificationDelivered.class)))
                        .isEqualTo(sameDelivery(event)));
        assertThat(smtp.messagesTo(person)).hasSize(1);

        ResponseEntity<Map> list = http.exchange("/api/notifications?caseId=" + caseId, HttpMethod.GET,
                new HttpEntity<>(TestClient.NOTIFICATION_SENDER.headers()), Map.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody()).containsEntry("totalElements", 2);
        List<Map<String, Object>> content = (List<Map<String, Object>>) list.getBody().get("content");
        assertThat(content).extracting(m -> m.get("recipientType")).containsExactly("DETAINEE", "COUNSEL");
        assertThat(content.get(0)).containsEntry("status", "DELIVERED").containsEntry("locale", "fa")
                .containsEntry("fallbackLocale", false).containsEntry("attempts", 1)
                .containsKeys("createdAt", "deliveredAt").doesNotContainKey("address");
        assertThat(list.toString()).doesNotContain("@example.org");
    }

    @Test
    void withoutAnAddressTheContactDetentionRegisteredIsUsedInItsLanguage() throws Exception {
        UUID detaineeId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        String counsel = "counsel-" + detaineeId + "@example.org";
        commands.send(new RegisterContact(detaineeId, RecipientType.COUNSEL, counsel, "es"));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from contact where detainee_id = ?", Integer.class, detaineeId) == 1);

        commands.send(new SendNotification(caseId, detaineeId, RecipientType.COUNSEL, null, null,
                TemplateKey.CASE_BOOKED, "fa", UUID.randomUUID(), flightData()));
        ReceivedEvent delivered = events.awaitOne(DELIVERED, caseId.toString(), WAIT);

        assertThat(delivered.schemaErrors()).isEmpty();
        assertThat(delivered.data(NotificationDelivered.class).locale()).isEqualTo("es");
        MimeMessage mail = smtp.messagesTo(counsel).get(0);
        assertThat(mail.getSubject()).startsWith("Vuelo de retorno RF2601");
        assertThat(SmtpSink.part(mail, "text/plain")).contains("Este aviso se refiere a una persona a la que usted "
                + "representa.").contains("hace escala en Doha y llega a Teherán");
    }

    @Test
    void withNoAddressAnywhereTheNoticeFailsWithoutRetrying() {
        UUID caseId = UUID.randomUUID();
        commands.send(new SendNotification(caseId, UUID.randomUUID(), RecipientType.DETAINEE, null, null,
                TemplateKey.CASE_WITHDRAWN, "fa", null, Map.of()));

        ReceivedEvent failed = events.awaitOne(FAILED, caseId.toString(), WAIT);

        assertThat(failed.schemaErrors()).isEmpty();
        assertThat(failed.data(NotificationFailed.class).reason()).isEqualTo("NO_ADDRESS");
        assertThat(jdbc.queryForObject("select attempts from notification where case_id = ?", Integer.class, caseId))
                .isZero();
    }

    @Test
    void theConsulateIsToldAtTheAddressInTheDirectoryInEnglishWhenItsLanguageHasNoTemplates() throws Exception {
        HttpHeaders headers = TestClient.NOTIFICATION_SENDER.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String consul = "consular-" + UUID.randomUUID() + "@pan.example.org";
        ResponseEntity<Map> put = http.exchange("/api/consulates/PAN", HttpMethod.PUT, new HttpEntity<>(
                Map.of("name", "Consulate General of Panama", "email", consul), headers), Map.class);
        assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.exchange("/api/consulates/PAN", HttpMethod.GET,
                new HttpEntity<>(TestClient.PARTNER_MONITOR.headers()), Map.class).getBody())
                .containsEntry("name", "Consulate General of Panama");
        assertThat(jdbc.queryForList("select principal from audit_entry where action = 'CONSULATE_SET' "
                + "and subject_id = 'PAN'", String.class)).contains("notification-sender");

        UUID caseId = UUID.randomUUID();
        commands.send(new SendNotification(caseId, UUID.randomUUID(), RecipientType.CONSULATE, null, "PAN",
                TemplateKey.CASE_BOOKED, "sw", UUID.randomUUID(), Map.of("flightNumber", "RF2710",
                "departureAt", "2026-12-07T14:30:00Z", "departureAirport", "AEX", "arrivalAirport", "PTY")));
        ReceivedEvent delivered = events.awaitOne(DELIVERED, caseId.toString(), WAIT);

        assertThat(delivered.schemaErrors()).isEmpty();
        NotificationDelivered event = delivered.data(NotificationDelivered.class);
        assertThat(event.locale()).isEqualTo("en");
        assertThat(event.fallbackLocale()).isTrue();
        assertThat(event.translationStatus()).as("English, the reviewed source, alone").isEqualTo(TranslationStatus.REVIEWED);
        MimeMessage mail = smtp.messagesTo(consul).get(0);
        assertThat(SmtpSink.part(mail, "text/plain")).contains("This notice concerns a national of your state.")
                .contains("flies directly to Panama City, with no stopover").doesNotContain("stops over in");

        UUID noConsulate = UUID.randomUUID();
        commands.send(new SendNotification(noConsulate, null, RecipientType.CONSULATE, null, "NPL",
                TemplateKey.CASE_BOOKED, "ne", UUID.randomUUID(), Map.of()));
        assertThat(events.awaitOne(FAILED, noConsulate.toString(), WAIT).data(NotificationFailed.class).reason())
                .isEqualTo("NO_CONSULATE_ADDRESS");
    }

    /**
     * Object level, failing closed: the person is held at LA-PINE. A client of LA-JENA, and a token
     * without the facilities claim, find none of the case's notices; a client of LA-PINE finds them.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aClientOfAnotherFacilityDoesNotSeeThePersonsNotices() {
        UUID caseId = UUID.randomUUID();
        SendNotification booked = caseBooked(caseId, RecipientType.DETAINEE, "pine-" + caseId + "@example.org", "en");
        commands.send(new SendNotification(booked.caseId(), booked.detaineeId(), booked.recipientType(), booked.address(),
                null, booked.templateKey(), booked.locale(), booked.flightId(), booked.data(), "LA-PINE"));
        delivered(caseId, RecipientType.DETAINEE);

        for (TestClient outsider : List.of(TestClient.NOTIFICATION_SENDER.atFacilities("LA-JENA"),
                TestClient.NOTIFICATION_SENDER.withoutFacilities())) {
            ResponseEntity<Map> list = http.exchange("/api/notifications?caseId=" + caseId, HttpMethod.GET,
                    new HttpEntity<>(outsider.headers()), Map.class);
            assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(list.getBody()).as("%s", outsider.facilities()).containsEntry("totalElements", 0);
            assertThat((List<Object>) list.getBody().get("content")).isEmpty();
        }
        ResponseEntity<Map> pine = http.exchange("/api/notifications?caseId=" + caseId, HttpMethod.GET,
                new HttpEntity<>(TestClient.NOTIFICATION_SENDER.atFacilities("LA-PINE").headers()), Map.class);
        assertThat(pine.getBody()).containsEntry("totalElements", 1);
    }

    static SendNotification caseBooked(UUID caseId, RecipientType recipient, String address, String locale) {
        return new SendNotification(caseId, UUID.randomUUID(), recipient, address, null, TemplateKey.CASE_BOOKED,
                locale, UUID.nameUUIDFromBytes(("flight-" + caseId).getBytes()), flightData());
    }

    static Map<String, String> flightData() {
        return Map.of("flightNumber", "RF2601", "departureAt", "2026-12-05T08:00:00Z", "departureAirport", "AEX",
                "stopoverAirports", "DOH", "arrivalAirport", "IKA");
    }

    /** The delivery itself, without the request it answered: a notice answered again is the same delivery. */
    private static NotificationDelivered sameDelivery(NotificationDelivered d) {
        return new NotificationDelivered(d.caseId(), d.notificationId(), d.recipientType(), d.templateKey(), d.locale(),
                d.fallbackLocale(), d.smtpMessageId(), d.deliveredAt(), d.flightId(), null, d.translationStatus());
    }
}
