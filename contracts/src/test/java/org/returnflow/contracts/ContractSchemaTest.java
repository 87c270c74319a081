package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.detention.DetaineeRecordChanged;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.workflow.CaseState;

/** Every message serialised with {@link ContractJson} passes its JSON Schema, and only such messages do. */
class ContractSchemaTest {

    static Stream<MessageDescriptor> descriptors() {
        return MessageCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void sampleValidatesAgainstItsSchema(MessageDescriptor descriptor) {
        JsonNode json = sampleJson(descriptor);

        assertThat(ContractSchemas.validate(descriptor, json))
                .as("%s as %s", descriptor.name(), json)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void schemaDescribesTheRecord(MessageDescriptor descriptor) {
        JsonNode schema = ContractSchemas.readResource(descriptor.schemaResource());
        assertThat(schema).as(descriptor.schemaResource()).isNotNull();

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText())
                .isEqualTo("https://returnflow.org/" + descriptor.schemaResource());
        assertThat(schema.path("title").asText()).isEqualTo(descriptor.name());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean()
                && !schema.path("additionalProperties").booleanValue())
                .as("additionalProperties: false").isTrue();

        Set<String> components = Arrays.stream(descriptor.javaType().getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        assertThat(fieldNames(schema.path("properties")))
                .as("schema properties of %s", descriptor.name())
                .containsExactlyInAnyOrderElementsOf(components);
        assertThat(textValues(schema.path("required"))).isSubsetOf(components);
        schema.path("properties").fields().forEachRemaining(p ->
                assertThat(p.getValue().path("description").asText())
                        .as("description of %s.%s", descriptor.name(), p.getKey())
                        .isNotBlank());
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void schemaRejectsAMissingRequiredField(MessageDescriptor descriptor, String field) {
        ObjectNode json = sampleJson(descriptor);
        json.remove(field);

        Set<ValidationMessage> errors = ContractSchemas.validate(descriptor, json);

        assertThat(errors).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("required").contains(field));
    }

    static Stream<Arguments> requiredFields() {
        return descriptors().flatMap(d -> textValues(ContractSchemas.readResource(d.schemaResource()).path("required"))
                .stream()
                .map(field -> Arguments.of(d, field)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void schemaRejectsALeakedName(MessageDescriptor descriptor) {
        ObjectNode json = sampleJson(descriptor);
        json.put("givenName", "Dariush");

        assertThat(ContractSchemas.validate(descriptor, json)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("givenName"));
    }

    @Test
    void schemasCheckFormatsAndCodes() {
        MessageDescriptor assessed = MessageCatalog.byClass(EligibilityAssessed.class);

        assertThat(ContractSchemas.validate(assessed, sampleJson(assessed).put("caseId", "case-1"))).isNotEmpty();
        assertThat(ContractSchemas.validate(assessed, sampleJson(assessed).put("onDate", "05.12.2026"))).isNotEmpty();
        assertThat(ContractSchemas.validate(assessed, sampleJson(assessed).put("destinationCountry", "IR"))).isNotEmpty();
        assertThat(ContractSchemas.validate(assessed, sampleJson(assessed).put("stage", "LATE"))).isNotEmpty();
        ObjectNode badBlocker = sampleJson(assessed);
        ((ObjectNode) badBlocker.withArray("blockers").get(0)).put("code", "SOMETHING_ELSE");
        assertThat(ContractSchemas.validate(assessed, badBlocker)).isNotEmpty();
        ObjectNode nameInBlocker = sampleJson(assessed);
        ((ObjectNode) nameInBlocker.withArray("blockers").get(0)).put("familyName", "Rahimi");
        assertThat(ContractSchemas.validate(assessed, nameInBlocker)).isNotEmpty();
    }

    @Test
    void legalHoldWithoutCaseValidates() {
        LegalHoldPlaced hold = new LegalHoldPlaced(null, Samples.DETAINEE, Samples.HOLD, Samples.NOW);

        assertThat(ContractSchemas.validate(MessageCatalog.of(hold), ContractJson.mapper().valueToTree(hold))).isEmpty();
        ObjectNode withKind = ContractJson.mapper().valueToTree(hold);
        withKind.put("kind", "ASYLUM_CLAIM");
        assertThat(ContractSchemas.validate(MessageCatalog.of(hold), withKind)).as("a hold kind on the public topic").isNotEmpty();
        ObjectNode withDetail = sampleJson(MessageCatalog.byClass(EligibilityAssessed.class));
        ((ObjectNode) withDetail.withArray("blockers").get(0)).put("detail", "APPEAL hold placed 2026-11-02");
        assertThat(ContractSchemas.validate(MessageCatalog.byClass(EligibilityAssessed.class), withDetail))
                .as("a blocker detail on the public topic").isNotEmpty();
    }

    @Test
    void aRecordChangeWithoutCaseValidatesAndCarriesNoText() {
        DetaineeRecordChanged transferred = new DetaineeRecordChanged(null, Samples.DETAINEE,
                DetaineeRecordChange.TRANSFERRED, true, null, null, Samples.NOW);
        MessageDescriptor descriptor = MessageCatalog.of(transferred);

        assertThat(ContractSchemas.validate(descriptor, ContractJson.mapper().valueToTree(transferred))).isEmpty();
        assertThat(Messages.partitionKey(transferred)).isEqualTo(Samples.DETAINEE.toString());
        assertThat(Messages.partitionKey(Samples.of(DetaineeRecordChanged.class))).isEqualTo(Samples.CASE.toString());
        assertThat(ContractSchemas.validate(descriptor, sampleJson(descriptor).put("reasonCode", "released on bond")))
                .isNotEmpty();
        assertThat(ContractSchemas.validate(descriptor, sampleJson(descriptor).put("change", "NAME_CHANGED")))
                .isNotEmpty();
        assertThat(ContractSchemas.validate(descriptor, sampleJson(descriptor).put("toFacility", "LA-ASF")))
                .isNotEmpty();
    }

    @Test
    void notificationToCounselValidates() {
        SendNotification toCounsel = new SendNotification(Samples.CASE, null, RecipientType.COUNSEL,
                "counsel@example.org", null, TemplateKey.CASE_WITHDRAWN, "en", null, null);
        SendNotification toRegisteredCounsel = new SendNotification(Samples.CASE, Samples.DETAINEE,
                RecipientType.COUNSEL, null, null, TemplateKey.CASE_WITHDRAWN, "de", null, null);

        assertThat(ContractSchemas.validate(MessageCatalog.of(toCounsel), ContractJson.mapper().valueToTree(toCounsel)))
                .isEmpty();
        assertThat(ContractSchemas.validate(MessageCatalog.of(toRegisteredCounsel),
                ContractJson.mapper().valueToTree(toRegisteredCounsel))).isEmpty();
    }

    @Test
    void aContactIsRemovedWithoutAddressAndIsNeverAConsulate() {
        RegisterContact removal = new RegisterContact(Samples.DETAINEE, RecipientType.COUNSEL, null, "de");
        MessageDescriptor register = MessageCatalog.of(removal);

        assertThat(ContractSchemas.validate(register, ContractJson.mapper().valueToTree(removal))).isEmpty();
        assertThat(Messages.partitionKey(removal)).isEqualTo(Samples.DETAINEE.toString());
        assertThat(ContractSchemas.validate(register, sampleJson(register).put("recipientType", "CONSULATE"))).isNotEmpty();
        assertThat(ContractSchemas.validate(register, sampleJson(register).put("address", "not-an-address"))).isNotEmpty();
        assertThatThrownBy(() -> new RegisterContact(Samples.DETAINEE, RecipientType.CONSULATE, null, "fa"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDetaineeIsDescribedByCodes() {
        MessageDescriptor described = MessageCatalog.byClass(DetaineeDescribed.class);

        assertThat(ContractSchemas.validate(described, sampleJson(described).put("nationality", "Iran"))).isNotEmpty();
        assertThat(ContractSchemas.validate(described, sampleJson(described).put("preferredLanguage", "Farsi"))).isNotEmpty();
        assertThat(ContractSchemas.validate(described, sampleJson(described).put("facilityCode", "Jena"))).isNotEmpty();
        assertThat(ContractSchemas.validate(described, sampleJson(described).put("custodyStatus", "ESCAPED"))).isNotEmpty();
        assertThat(ContractSchemas.validate(described, sampleJson(described).put("detainedSince", "14.03.2026"))).isNotEmpty();
    }

    @Test
    void commonEnumsMatchTheJavaEnums() {
        JsonNode defs = ContractSchemas.readResource("schemas/common/enums.json").path("$defs");
        Map<String, Class<? extends Enum<?>>> enums = Map.of(
                "EligibilityStage", EligibilityStage.class,
                "BlockerCode", BlockerCode.class,
                "LegalHoldKind", LegalHoldKind.class,
                "CustodyStatus", CustodyStatus.class,
                "DetaineeRecordChange", DetaineeRecordChange.class,
                "RecipientType", RecipientType.class,
                "TemplateKey", TemplateKey.class,
                "CaseState", CaseState.class);

        assertThat(fieldNames(defs)).containsExactlyInAnyOrderElementsOf(enums.keySet());
        enums.forEach((name, type) -> assertThat(textValues(defs.path(name).path("enum")))
                .as(name)
                .containsExactly(Arrays.stream(type.getEnumConstants()).map(Enum::name).toArray(String[]::new)));
    }

    static ObjectNode sampleJson(MessageDescriptor descriptor) {
        return ContractJson.mapper().valueToTree(Samples.of(descriptor.javaType()));
    }

    static List<String> textValues(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static List<String> fieldNames(JsonNode object) {
        return StreamSupport.stream(((Iterable<String>) object::fieldNames).spliterator(), false).toList();
    }
}
