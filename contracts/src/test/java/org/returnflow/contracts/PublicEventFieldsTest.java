package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partners read every {@code *.events} topic (DESIGN.md "Privacy"), so every field of every event
 * record is checked here: no hold kind (whatever its value, today or after a new kind is added), no
 * free text, no name, no contact detail. A new field on an event fails {@link #everyEventHasExactlyTheFieldsAPartnerMayRead}
 * until it is added to the list below, which is the partner-visible field set of the topics.
 */
class PublicEventFieldsTest {

    /** Every field a partner can read on the public topics, per event; nested records as {@code parent.child}. */
    static final Map<String, Set<String>> PARTNER_VISIBLE = partnerVisible();

    /** Names that mean free text or personal data; none may be an event field at any depth. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of("kind", "holdKind", "detail", "details", "note", "notes",
            "reference", "description", "justification", "liftReason", "name", "givenName", "familyName",
            "dateOfBirth", "email", "address", "counsel", "phone", "text", "comment", "purpose");

    /** Strings that are flight data, not about a person, and have no fixed format: checked by value below. */
    private static final Set<String> FREE_FORMAT_FLIGHT_DATA = Set.of("flightNumber", "seat");
    private static final Pattern SHORT_TOKEN = Pattern.compile("[A-Za-z0-9-]{1,10}");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    static Stream<MessageDescriptor> events() {
        return MessageCatalog.all().stream().filter(d -> d.kind() == MessageKind.EVENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventHasExactlyTheFieldsAPartnerMayRead(MessageDescriptor event) {
        assertThat(PARTNER_VISIBLE).as("the partner-visible list names %s", event.name()).containsKey(event.name());
        assertThat(fields(event.javaType(), ""))
                .as("fields of %s", event.name())
                .containsExactlyInAnyOrderElementsOf(PARTNER_VISIBLE.get(event.name()));
    }

    @Test
    void theListNamesNoEventThatDoesNotExist() {
        assertThat(PARTNER_VISIBLE.keySet())
                .containsExactlyInAnyOrderElementsOf(events().map(MessageDescriptor::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void noFieldCarriesAHoldKindFreeTextOrPersonalData(MessageDescriptor event) {
        JsonNode schema = ContractSchemas.readResource(event.schemaResource());
        check(event.name(), event.javaType(), schema);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theSampleOnTheWireNamesNoHoldKindAndNoEmailAddress(MessageDescriptor event) {
        String json = new String(ContractJson.toBytes(Samples.of(event.javaType().asSubclass(Message.class))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContainIgnoringCase("ASYLUM").doesNotContain("APPEAL").doesNotContain("STAY_OF_REMOVAL");
        String withoutMessageIds = json.replaceAll("\"smtpMessageId\":\"<[0-9a-f-]{36}@[A-Za-z0-9.-]+>\"", "");
        assertThat(EMAIL.matcher(withoutMessageIds).find()).as("an e-mail address in %s", json).isFalse();
    }

    private static void check(String path, Class<?> record, JsonNode schema) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            String where = path + "." + name;
            assertThat(FORBIDDEN_NAMES).as("%s is a name for free text or personal data", where).doesNotContain(name);
            Class<?> type = component.getType();
            JsonNode property = schema.path("properties").path(name);
            assertThat(property.isMissingNode()).as("%s in the schema", where).isFalse();
            if (type.isEnum()) {
                assertThat(type.getSimpleName()).as("%s is a hold kind", where).doesNotContain("HoldKind");
                assertThat(Arrays.stream(type.getEnumConstants()).map(Object::toString))
                        .as("%s can say that a person claimed protection", where)
                        .noneMatch(c -> c.contains("ASYLUM") || c.contains("PROTECTION") || c.contains("REFUGEE"));
            } else if (type == String.class) {
                assertCoded(where, name, property);
            } else if (type == List.class) {
                Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                if (element == String.class) {
                    assertCoded(where, name, property.path("items"));
                } else if (element instanceof Class<?> c && c.isRecord()) {
                    check(where, c, ContractSchemas.readResource("schemas/common/" + c.getSimpleName() + ".json"));
                } else {
                    assertThat(element).as("%s element type", where).isIn(UUID.class);
                }
            } else {
                assertThat(type).as("%s type", where).isIn(UUID.class, Instant.class, LocalDate.class, boolean.class,
                        Boolean.class, int.class, Integer.class, long.class, Long.class);
            }
        }
    }

    /** A string on a public topic is a code, an identifier or a date: its schema fixes its form. */
    private static void assertCoded(String where, String name, JsonNode property) {
        if (FREE_FORMAT_FLIGHT_DATA.contains(name)) {
            return;
        }
        assertThat(property.has("pattern") || property.has("format") || property.has("enum") || property.has("$ref"))
                .as("%s is a string without pattern, format or enum: free text could travel in it", where)
                .isTrue();
        if (property.has("pattern")) {
            assertThat(property.get("pattern").asText()).as("%s pattern allows spaces", where)
                    .doesNotContain(" ").doesNotContain("\\s").doesNotContain(".*").doesNotContain("[^");
        }
    }

    @Test
    void flightDataWithoutAFixedFormatIsShortInTheSamples() {
        events().forEach(event -> {
            JsonNode json = ContractJson.mapper().valueToTree(Samples.of(event.javaType().asSubclass(Message.class)));
            FREE_FORMAT_FLIGHT_DATA.forEach(field -> {
                if (json.has(field)) {
                    assertThat(json.get(field).asText()).matches(SHORT_TOKEN);
                }
            });
        });
    }

    private static List<String> fields(Class<?> record, String prefix) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            names.add(prefix + component.getName());
            if (component.getType() == List.class
                    && ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0] instanceof Class<?> c
                    && c.isRecord()) {
                names.addAll(fields(c, prefix + component.getName() + "."));
            }
        }
        return names;
    }

    private static Map<String, Set<String>> partnerVisible() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("DetaineeDescribed", Set.of("caseId", "detaineeId", "nationality", "preferredLanguage", "detainedSince",
                "facilityCode", "custodyStatus", "hasCounsel", "requestId"));
        m.put("DetaineeUnknown", Set.of("caseId", "detaineeId", "requestId"));
        m.put("EligibilityAssessed", Set.of("caseId", "detaineeId", "destinationCountry", "onDate", "stage", "eligible",
                "blockers", "blockers.code", "blockers.recordId", "requestId"));
        m.put("LegalHoldPlaced", Set.of("caseId", "detaineeId", "holdId", "placedAt"));
        m.put("LegalHoldLifted", Set.of("caseId", "detaineeId", "holdId", "liftedAt"));
        m.put("DetaineeRemoved", Set.of("caseId", "detaineeId", "flightId", "removedAt", "requestId"));
        m.put("DetaineeReleasedFromOperation", Set.of("caseId", "detaineeId", "reasonCode", "releasedAt", "requestId"));
        m.put("DetaineeRecordChanged", Set.of("caseId", "detaineeId", "change", "mayBlock", "recordId", "reasonCode",
                "changedAt"));
        m.put("ConsentRequested", Set.of("caseId", "consentId", "detaineeId", "preferredLanguage", "dueBy", "requestId"));
        m.put("ConsentGiven", Set.of("caseId", "consentId", "detaineeId", "officer", "language", "interpreter",
                "evidenceSha256", "capturedAt", "daysInDetention", "reviewRequired", "requestId"));
        m.put("ConsentDeclined", Set.of("caseId", "consentId", "detaineeId", "officer", "decidedAt", "requestId"));
        m.put("ConsentWithdrawn", Set.of("caseId", "consentId", "detaineeId", "withdrawnAt", "requestId"));
        m.put("ConsentExpired", Set.of("caseId", "consentId", "detaineeId", "expiredAt", "requestId"));
        m.put("FlightScheduled", Set.of("flightId", "flightNumber", "destinationCountry", "departureAt",
                "seatsForReturnees"));
        m.put("SeatBooked", Set.of("caseId", "flightId", "flightNumber", "seat", "departureAt", "departureAirport",
                "stopoverAirports", "arrivalAirport", "requestId"));
        m.put("SeatUnavailable", Set.of("caseId", "destinationCountry", "notBefore", "requestId"));
        m.put("SeatReleased", Set.of("caseId", "flightId", "seat", "reason", "releasedAt", "requestId",
                "movedToFlightId"));
        m.put("ManifestLocked", Set.of("flightId", "departureAt", "caseIds", "caseId"));
        m.put("PassengerBoarded", Set.of("caseId", "flightId", "boardedAt"));
        m.put("FlightDeparted", Set.of("flightId", "departedAt", "caseIds", "caseId"));
        m.put("FlightArrived", Set.of("flightId", "arrivedAt", "caseIds", "caseId"));
        m.put("HandoverConfirmed", Set.of("caseId", "flightId", "handedOverAt"));
        m.put("FlightCancelled", Set.of("flightId", "reason", "caseIds", "cancelledAt", "caseId"));
        m.put("FlightRescheduled", Set.of("flightId", "previousDepartureAt", "departureAt", "reason", "caseIds",
                "rescheduledAt", "caseId"));
        m.put("MonitorAssigned", Set.of("flightId", "monitorId", "assignedAt"));
        m.put("MonitorUnassigned", Set.of("flightId", "monitorId", "unassignedAt"));
        m.put("MonitoringFindingReported", Set.of("caseId", "flightId", "reportId", "findingId", "monitorId",
                "findingCode", "severity", "reportedAt"));
        m.put("NotificationDelivered", Set.of("caseId", "notificationId", "recipientType", "templateKey", "locale",
                "fallbackLocale", "smtpMessageId", "deliveredAt", "flightId", "requestId", "translationStatus"));
        m.put("NotificationFailed", Set.of("caseId", "notificationId", "recipientType", "templateKey", "reason",
                "failedAt", "flightId", "requestId"));
        m.put("CaseStateChanged", Set.of("caseId", "detaineeId", "operationId", "state", "previousState", "changedAt"));
        return Map.copyOf(m);
    }
}
