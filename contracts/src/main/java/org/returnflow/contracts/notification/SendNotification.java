package org.returnflow.contracts.notification;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;

/**
 * Asks notification to deliver a notice about the case to one recipient, in a locale.
 *
 * @param detaineeId the person the notice is about, if any
 * @param address    email address of the recipient, for DETAINEE and COUNSEL; may be omitted, and the
 *                   notification-service then takes it from the contact registered for {@code detaineeId}
 *                   with {@link RegisterContact}
 * @param country    ISO 3166-1 alpha-3 code of the state whose consulate is notified, for CONSULATE
 * @param flightId   the flight the notice is about, if any
 * @param data       template values by placeholder: codes, dates, flight numbers
 * @param facilityCode the facility holding the person when the case asked, so that notification shows
 *                   the notice to a facility-scoped client of that facility only; null when not known
 */
public record SendNotification(
        UUID caseId,
        UUID detaineeId,
        RecipientType recipientType,
        String address,
        String country,
        TemplateKey templateKey,
        String locale,
        UUID flightId,
        Map<String, String> data,
        String facilityCode) implements CaseMessage {

    public SendNotification {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(recipientType, "recipientType");
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(locale, "locale");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** A notice that does not name the person's facility. */
    public SendNotification(UUID caseId, UUID detaineeId, RecipientType recipientType, String address, String country,
                            TemplateKey templateKey, String locale, UUID flightId, Map<String, String> data) {
        this(caseId, detaineeId, recipientType, address, country, templateKey, locale, flightId, data, null);
    }
}
