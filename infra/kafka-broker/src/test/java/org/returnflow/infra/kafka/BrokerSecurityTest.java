package org.returnflow.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;

class BrokerSecurityTest {

    @Test
    void withoutKafkaSecurityTheBrokerStaysPlaintext() {
        assertThat(BrokerSecurity.from(Map.of())).isNull();
        assertThat(BrokerSecurity.from(Map.of("KAFKA_SECURITY", "plaintext"))).isNull();
        assertThatThrownBy(() -> BrokerSecurity.from(Map.of("KAFKA_SECURITY", "ssl")))
                .hasMessageContaining("KAFKA_SECURITY");
    }

    @Test
    void theLocalProfileHasDevelopmentPasswordsAndTheEnvironmentOverridesThem() {
        BrokerSecurity security = BrokerSecurity.from(Map.of("KAFKA_SECURITY", "sasl",
                "SPRING_PROFILES_ACTIVE", "local", "RETURNFLOW_KAFKA_PARTNER_PASSWORD", "from-env"));

        assertThat(security.password("partner")).isEqualTo("from-env");
        assertThat(security.password("detention-service")).isEqualTo("detention-service-kafka-local-secret");
        assertThat(BrokerSecurity.principals()).containsExactly("detention-service", "consent-service",
                "flight-service", "notification-service", "workflow", "partner", "operator");
    }

    @Test
    void outsideTheLocalProfileAMissingPasswordStopsTheStartNamingItsVariable() {
        assertThatThrownBy(() -> BrokerSecurity.from(Map.of("KAFKA_SECURITY", "sasl",
                "RETURNFLOW_KAFKA_PARTNER_PASSWORD", "set")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RETURNFLOW_KAFKA_WORKFLOW_PASSWORD")
                .hasMessageContaining("RETURNFLOW_KAFKA_DETENTION_SERVICE_PASSWORD")
                .hasMessageNotContaining("RETURNFLOW_KAFKA_PARTNER_PASSWORD");
    }

    @Test
    void theClientListenerTakesScramAndTheAuthorizerRefusesWhatNoAclAllows() {
        Map<String, String> p = BrokerSecurity.from(Map.of("KAFKA_SECURITY", "sasl", "SPRING_PROFILES_ACTIVE", "local"))
                .serverProperties(9092, 9093);

        assertThat(p).containsEntry("listeners", "CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:admin")
                .containsEntry("auto.create.topics.enable", "false");
        assertThat(p.get("listener.name.client.plain.sasl.jaas.config")).contains("user_admin=")
                .doesNotContain("user_partner").doesNotContain("local-secret");
    }

    @Test
    void theAclsFollowTopicAccessOnLiteralNames() {
        List<AclBinding> acls = BrokerSecurity.acls();

        assertThat(acls).allSatisfy(acl -> {
            assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
        });
        assertThat(allowed(acls, "partner", AclOperation.READ)).containsExactlyInAnyOrder(Topics.DETENTION_EVENTS,
                Topics.CONSENT_EVENTS, Topics.FLIGHT_EVENTS, Topics.NOTIFICATION_EVENTS, Topics.WORKFLOW_EVENTS);
        assertThat(allowed(acls, "partner", AclOperation.WRITE)).isEmpty();
        assertThat(allowed(acls, "consent-service", AclOperation.WRITE)).containsExactlyInAnyOrder(
                Topics.CONSENT_EVENTS, Topics.deadLetter(Topics.CONSENT_COMMANDS), Topics.deadLetter(Topics.FLIGHT_EVENTS));
        assertThat(allowed(acls, "notification-service", AclOperation.READ)).contains(Topics.NOTIFICATION_COMMANDS);
        assertThat(acls.stream().filter(a -> a.pattern().resourceType() == ResourceType.TOPIC
                && a.pattern().name().equals(Topics.NOTIFICATION_COMMANDS) && a.entry().operation() == AclOperation.READ)
                .map(a -> a.entry().principal())).containsExactly("User:notification-service");
        assertThat(acls.stream().filter(a -> a.pattern().resourceType() == ResourceType.GROUP)
                .map(a -> a.entry().principal() + " " + a.pattern().name()))
                .containsExactlyInAnyOrder("User:detention-service detention-service", "User:consent-service consent-service",
                        "User:flight-service flight-service", "User:notification-service notification-service",
                        "User:workflow workflow");
    }

    private static List<String> allowed(List<AclBinding> acls, String principal, AclOperation operation) {
        return acls.stream().filter(a -> a.pattern().resourceType() == ResourceType.TOPIC)
                .filter(a -> a.entry().principal().equals("User:" + principal) && a.entry().operation() == operation)
                .map(a -> a.pattern().name()).toList();
    }
}
