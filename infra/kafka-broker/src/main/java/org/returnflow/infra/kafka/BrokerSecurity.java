package org.returnflow.infra.kafka;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.returnflow.contracts.TopicAccess;
import org.returnflow.contracts.Topics;

/**
 * The broker's identities and what each may do, when {@code KAFKA_SECURITY=sasl}.
 *
 * <ul>
 *   <li>The client listener takes SASL/SCRAM-SHA-512 (over plaintext, on 127.0.0.1). Every principal of
 *   {@link TopicAccess} (the five services, {@code partner}, {@code operator}) is a SCRAM user whose
 *   password is {@code RETURNFLOW_KAFKA_<PRINCIPAL>_PASSWORD}; in the {@code local} profile
 *   ({@code SPRING_PROFILES_ACTIVE} contains {@code local}) a missing one defaults to
 *   {@code <principal>-kafka-local-secret}, elsewhere it stops the start, naming the variable.</li>
 *   <li>The super user is {@code admin}, the launcher itself: it signs in with SASL/PLAIN and a password
 *   drawn at random at every start, which nobody else learns; the controller listener (127.0.0.1 as
 *   well) takes only that PLAIN identity.</li>
 *   <li>KRaft's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: what no ACL
 *   allows is refused. The ACLs are those of {@link TopicAccess} (which asyncapi.yaml states), on literal
 *   topic names: writers may write, readers may read; every service may use the consumer group of its
 *   name and describe the Returnflow topics (its topic declarations check that they exist).</li>
 * </ul>
 * The launcher creates the Returnflow topics itself, with the platform's partitions and retention, so
 * that no service needs the right to create or reconfigure a topic.
 */
final class BrokerSecurity {

    static final String ADMIN = "admin";
    static final String SCRAM = "SCRAM-SHA-512";
    static final int PARTITIONS = 3;
    static final Duration RETENTION = Duration.ofDays(7);
    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private final Map<String, String> passwords;
    private final String adminPassword;

    private BrokerSecurity(Map<String, String> passwords, String adminPassword) {
        this.passwords = Map.copyOf(passwords);
        this.adminPassword = adminPassword;
    }

    /** Every principal that gets a SCRAM user: the services, the partner and the operator. */
    static List<String> principals() {
        List<String> principals = new ArrayList<>(TopicAccess.services());
        principals.add(TopicAccess.PARTNER);
        principals.add(TopicAccess.OPERATOR);
        return principals;
    }

    /** The environment variable that holds {@code principal}'s password. */
    static String passwordVariable(String principal) {
        return "RETURNFLOW_KAFKA_" + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }

    /** The development password of {@code principal} in the local profile. */
    static String localPassword(String principal) {
        return principal + "-kafka-local-secret";
    }

    /**
     * The security the environment asks for: {@code KAFKA_SECURITY=sasl} gives SASL and ACLs, unset or
     * {@code plaintext} gives none (null).
     *
     * @throws IllegalArgumentException for another value, or a password missing outside the local profile
     */
    static BrokerSecurity from(Map<String, String> env) {
        String mode = env.getOrDefault("KAFKA_SECURITY", "plaintext").trim().toLowerCase(java.util.Locale.ROOT);
        if (mode.isEmpty() || mode.equals("plaintext")) {
            return null;
        }
        if (!mode.equals("sasl")) {
            throw new IllegalArgumentException("KAFKA_SECURITY must be sasl or plaintext, got '" + mode + "'");
        }
        boolean local = Set.of(env.getOrDefault("SPRING_PROFILES_ACTIVE", "").split("\\s*,\\s*")).contains("local");
        Map<String, String> passwords = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String principal : principals()) {
            String value = env.get(passwordVariable(principal));
            if (value != null && !value.isBlank()) {
                passwords.put(principal, value);
            } else if (local) {
                passwords.put(principal, localPassword(principal));
            } else {
                missing.add(passwordVariable(principal));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("KAFKA_SECURITY=sasl outside the local profile needs " + missing);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new BrokerSecurity(passwords, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The password of {@code principal}. */
    String password(String principal) {
        return passwords.get(principal);
    }

    /** Listeners, SASL and the authorizer; they replace the plaintext listeners of the base configuration. */
    Map<String, String> serverProperties(int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", "CLIENT");
        p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", SCRAM);
        // PLAIN on the client listener knows the admin alone; every other principal is a SCRAM user.
        p.put("listener.name.client.sasl.enabled.mechanisms", SCRAM + ",PLAIN");
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.client.plain.sasl.jaas.config", adminJaas());
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", adminJaas());
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
        // Topics exist because the launcher creates them; a client's typo must not create one.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private String adminJaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";";
    }

    /** Client settings of the launcher's own admin connection. */
    Map<String, Object> adminClient(String bootstrap) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", bootstrap);
        c.put("security.protocol", "SASL_PLAINTEXT");
        c.put("sasl.mechanism", "PLAIN");
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + ADMIN + "\" password=\"" + adminPassword + "\";");
        return c;
    }

    /** Client settings that sign in as {@code principal} with SCRAM-SHA-512. */
    static Map<String, Object> client(String bootstrap, String principal, String password) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", bootstrap);
        c.putAll(scram(principal, password));
        return c;
    }

    /**
     * The SASL settings of the tools ({@code tail}, {@code send}, {@code dlt}): SCRAM-SHA-512 as
     * {@code KAFKA_USERNAME} with {@code KAFKA_PASSWORD} when the first is set, none otherwise.
     */
    static Map<String, Object> toolCredentials(Map<String, String> env) {
        String username = env.get("KAFKA_USERNAME");
        if (username == null || username.isBlank()) {
            return Map.of();
        }
        String password = env.get("KAFKA_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("KAFKA_USERNAME is set but KAFKA_PASSWORD is not");
        }
        return scram(username.trim(), password);
    }

    private static Map<String, Object> scram(String principal, String password) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("security.protocol", "SASL_PLAINTEXT");
        c.put("sasl.mechanism", SCRAM);
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + principal + "\" password=\"" + password + "\";");
        return c;
    }

    /** What each principal may do, from {@link TopicAccess}. */
    static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        TopicAccess.all().forEach((topic, access) -> {
            access.writers().forEach(p -> acls.add(allow(ResourceType.TOPIC, topic, p, AclOperation.WRITE)));
            access.readers().forEach(p -> acls.add(allow(ResourceType.TOPIC, topic, p, AclOperation.READ)));
            for (String service : TopicAccess.services()) {
                acls.add(allow(ResourceType.TOPIC, topic, service, AclOperation.DESCRIBE));
                acls.add(allow(ResourceType.TOPIC, topic, service, AclOperation.DESCRIBE_CONFIGS));
            }
        });
        TopicAccess.services().forEach(s -> acls.add(allow(ResourceType.GROUP, s, s, AclOperation.READ)));
        return acls;
    }

    private static AclBinding allow(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    /**
     * Signs in as admin and sets the SCRAM users, the ACLs and the topics; every step is idempotent, so
     * each start brings the broker in line with the passwords given and {@link TopicAccess}.
     */
    void provision(String bootstrap, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long seconds = Math.max(1, timeout.toSeconds());
        try (Admin admin = Admin.create(adminClient(bootstrap))) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            passwords.forEach((principal, password) -> users.add(new UserScramCredentialUpsertion(principal,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
            admin.alterUserScramCredentials(users).all().get(seconds, TimeUnit.SECONDS);
            admin.createAcls(acls()).all().get(seconds, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.all()) {
                topics.add(topic(topic, RETENTION));
                topics.add(topic(Topics.deadLetter(topic), DEAD_LETTER_RETENTION));
            }
            Set<String> existing = admin.listTopics().names().get(seconds, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(seconds, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static NewTopic topic(String name, Duration retention) {
        return new NewTopic(name, PARTITIONS, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
    }
}
