package org.returnflow.bench.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.returnflow.bench.MailCheck;
import org.returnflow.bench.Target;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the stack holds for a set of cases after a fault run, read from its own records (each service's
 * database, the SMTP sink, the broker), not from what the run saw: each case's state, seats, delivered
 * notices, e-mails by Message-ID, outbox rows not sent, parked rows, incidents and dead letters.
 *
 * @param cases              the cases of the run's detainees (a detainee without one is listed as unsettled)
 * @param byState            how many of them are in each state
 * @param unsettled          each case not NOTIFIED, with what an operator sees of it (incident, parked row) or "nothing visible"
 * @param casesWithTwoSeats  cases holding more than one active seat
 * @param seatsHeldTwice     seats (flight and number) held by more than one case
 * @param notifiedWithoutSeat NOTIFIED cases without an active seat
 * @param notifiedNotThree   NOTIFIED cases without exactly three delivered notices
 * @param noticesDelivered   delivered notices of the cases
 * @param emails             e-mails in the SMTP sink
 * @param emailsTwice        e-mails received again with a Message-ID already received
 * @param unsentOutbox       outbox rows not sent (parked ones included), by application
 * @param parkedOutbox       parked outbox rows, by application
 * @param parkedInbox        the workflow's parked correlations
 * @param incidents          the workflow's open incidents
 * @param deadLetters        records on dead-letter topics, by topic
 */
public record Reconciliation(int cases, Map<String, Long> byState, List<String> unsettled, long casesWithTwoSeats,
                             long seatsHeldTwice, long notifiedWithoutSeat, long notifiedNotThree, long noticesDelivered,
                             long emails, long emailsTwice, Map<String, Long> unsentOutbox, Map<String, Long> parkedOutbox,
                             long parkedInbox, long incidents, Map<String, Long> deadLetters) {

    public long notified() {
        return byState.getOrDefault("NOTIFIED", 0L);
    }

    public long unsentTotal() {
        return unsentOutbox.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Cases neither NOTIFIED nor showing an operator anything. */
    public long invisible() {
        return unsettled.stream().filter(u -> u.endsWith("nothing visible")).count();
    }

    /** Every case settled (NOTIFIED, or visibly stuck), nothing twice, nothing left unsent, no dead letter. */
    public boolean clean() {
        return invisible() == 0 && casesWithTwoSeats == 0 && seatsHeldTwice == 0 && notifiedWithoutSeat == 0
                && notifiedNotThree == 0 && emailsTwice == 0 && emails == 3 * notified() && unsentTotal() == 0
                && deadLetterTotal() == 0;
    }

    /** The reconciliation as lines of text, the verdict last. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("cases:                 %d opened; by state %s%n", cases, byState));
        s.append(String.format("settled:               %d NOTIFIED, %d visibly stuck (incident or parked row), %d stuck with nothing visible%n",
                notified(), unsettled.size() - invisible(), invisible()));
        unsettled.stream().limit(20).forEach(u -> s.append("                       ").append(u).append('\n'));
        s.append(String.format("seats:                 %d cases with two seats, %d seats held twice, %d notified without a seat%n",
                casesWithTwoSeats, seatsHeldTwice, notifiedWithoutSeat));
        s.append(String.format("notices:               %d delivered; %d notified cases without exactly three%n",
                noticesDelivered, notifiedNotThree));
        s.append(String.format("e-mails:               %d received (3 per notified case: %d), %d twice (same Message-ID)%n",
                emails, 3 * notified(), emailsTwice));
        s.append(String.format("outbox rows unsent:    %d %s; parked %s%n", unsentTotal(), unsentOutbox, parkedOutbox));
        s.append(String.format("parked correlations:   %d; open incidents: %d%n", parkedInbox, incidents));
        s.append(String.format("dead letters:          %d %s%n", deadLetterTotal(), deadLetters));
        s.append(clean() ? "RECONCILED: every case settled, 0 seats twice, 0 e-mails twice, 0 dead letters, 0 unsent outbox rows\n"
                : "NOT RECONCILED: " + String.join(", ", failures()) + "\n");
        return s.toString();
    }

    /** What keeps the run from reconciling, one phrase each; empty when it is {@link #clean()}. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (invisible() > 0) {
            failures.add(invisible() + " cases stuck with nothing visible");
        }
        if (casesWithTwoSeats + seatsHeldTwice + notifiedWithoutSeat > 0) {
            failures.add("seats: " + casesWithTwoSeats + " cases with two, " + seatsHeldTwice + " held twice, "
                    + notifiedWithoutSeat + " notified without one");
        }
        if (notifiedNotThree > 0) {
            failures.add(notifiedNotThree + " notified cases without exactly three delivered notices");
        }
        if (emailsTwice > 0) {
            failures.add(emailsTwice + " e-mails twice");
        }
        if (emails != 3 * notified()) {
            failures.add(emails + " e-mails for " + notified() + " notified cases");
        }
        if (unsentTotal() > 0) {
            failures.add(unsentTotal() + " outbox rows unsent");
        }
        if (deadLetterTotal() > 0) {
            failures.add(deadLetterTotal() + " dead letters");
        }
        return failures;
    }

    /** Reads the reconciliation of the cases of these detainees from the stack. */
    public static Reconciliation read(Target target, Collection<UUID> detainees, MailCheck mail) throws Exception {
        Map<UUID, String> states = new HashMap<>();
        Map<String, Long> byState = new TreeMap<>();
        Map<UUID, String> visible = new HashMap<>();
        List<UUID> caseIds = new ArrayList<>();
        Set<UUID> withCase = new java.util.HashSet<>();
        long parkedInbox;
        long incidents;
        try (Connection c = connect(target, "workflow")) {
            try (PreparedStatement q = c.prepareStatement("select case_id, detainee_id, state from removal_case "
                    + "where detainee_id = any(?)")) {
                q.setArray(1, uuids(c, detainees.toArray(UUID[]::new)));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        caseIds.add(rs.getObject(1, UUID.class));
                        withCase.add(rs.getObject(2, UUID.class));
                        states.put(rs.getObject(1, UUID.class), rs.getString(3));
                        byState.merge(rs.getString(3), 1L, Long::sum);
                    }
                }
            }
            UUID[] ids = caseIds.toArray(UUID[]::new);
            try (PreparedStatement q = c.prepareStatement("select p.business_key_, i.incident_type_ || ': ' || "
                    + "coalesce(substr(i.incident_msg_, 1, 80), '') from act_ru_incident i join act_ru_execution p "
                    + "on p.id_ = i.proc_inst_id_ where p.business_key_ = any(?)")) {
                q.setArray(1, c.createArrayOf("varchar", caseIds.stream().map(UUID::toString).toArray()));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        visible.merge(UUID.fromString(rs.getString(1)), "incident " + rs.getString(2), (a, b) -> a + "; " + b);
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("select case_id, reason from inbox_message "
                    + "where status = 'PARKED' and case_id = any(?)")) {
                q.setArray(1, uuids(c, ids));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        visible.merge(rs.getObject(1, UUID.class), "parked correlation " + rs.getString(2), (a, b) -> a + "; " + b);
                    }
                }
            }
            parkedInbox = count(c, "select count(*) from inbox_message where status = 'PARKED'");
            incidents = count(c, "select count(*) from act_ru_incident");
        }
        UUID[] ids = caseIds.toArray(UUID[]::new);
        List<String> unsettled = new ArrayList<>();
        detainees.stream().filter(d -> !withCase.contains(d)).forEach(d -> unsettled.add("detainee " + d
                + ": no case opened, nothing visible"));
        for (UUID id : ids) {
            String state = states.get(id);
            if (!"NOTIFIED".equals(state)) {
                unsettled.add(id + " " + (state == null ? "not in the workflow" : state) + ": "
                        + visible.getOrDefault(id, "nothing visible"));
            }
        }
        Set<UUID> notified = states.entrySet().stream().filter(e -> "NOTIFIED".equals(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        long twoSeats;
        long seatsTwice;
        long withoutSeat;
        try (Connection c = connect(target, "flight-service");
             PreparedStatement q = c.prepareStatement("select case_id, flight_id, seat_number from manifest_entry "
                     + "where struck_at is null and case_id = any(?)")) {
            q.setArray(1, uuids(c, ids));
            Map<UUID, Integer> perCase = new HashMap<>();
            Map<String, Integer> perSeat = new HashMap<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    perCase.merge(rs.getObject(1, UUID.class), 1, Integer::sum);
                    perSeat.merge(rs.getString(2) + "/" + rs.getInt(3), 1, Integer::sum);
                }
            }
            twoSeats = perCase.values().stream().filter(n -> n > 1).count();
            seatsTwice = perSeat.values().stream().filter(n -> n > 1).count();
            withoutSeat = notified.stream().filter(id -> !perCase.containsKey(id)).count();
        }

        long delivered = 0;
        Map<UUID, Integer> noticesPerCase = new HashMap<>();
        try (Connection c = connect(target, "notification-service");
             PreparedStatement q = c.prepareStatement("select case_id, count(*) from notification "
                     + "where status = 'DELIVERED' and case_id = any(?) group by case_id")) {
            q.setArray(1, uuids(c, ids));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    noticesPerCase.put(rs.getObject(1, UUID.class), rs.getInt(2));
                    delivered += rs.getInt(2);
                }
            }
        }
        long notThree = notified.stream().filter(id -> noticesPerCase.getOrDefault(id, 0) != 3).count();

        Map<String, Long> unsent = new TreeMap<>();
        Map<String, Long> parkedOutbox = new TreeMap<>();
        for (String app : target.databases().keySet()) {
            try (Connection c = connect(target, app)) {
                unsent.put(app, count(c, "select count(*) from outbox_message where sent_at is null"));
                parkedOutbox.put(app, count(c, "select count(*) from outbox_message where parked_at is not null and sent_at is null"));
            }
        }
        MailCheck.Mailboxes mailboxes = mail.read();
        return new Reconciliation(ids.length, byState, unsettled, twoSeats, seatsTwice, withoutSeat, notThree, delivered,
                mailboxes.messages(), mailboxes.duplicateMessages(), unsent, parkedOutbox, parkedInbox, incidents,
                deadLetters(target.kafkaBootstrap()));
    }

    /** Records on every {@code *.DLT} topic (end offset less start offset), by topic; empty topics left out. */
    static Map<String, Long> deadLetters(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "returnflow-chaos-reconciliation");
        try (Admin admin = Admin.create(props)) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(".DLT")).sorted().toList();
            if (topics.isEmpty()) {
                return Map.of();
            }
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
            Map<String, Long> records = new LinkedHashMap<>();
            for (TopicPartition p : partitions) {
                long n = latest.getOrDefault(p, 0L) - earliest.getOrDefault(p, 0L);
                if (n > 0) {
                    records.merge(p.topic(), n, Long::sum);
                }
            }
            return records;
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, Long> result = new HashMap<>();
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get(30, TimeUnit.SECONDS)
                .forEach((p, info) -> result.put(p, info.offset()));
        return result;
    }

    static Connection connect(Target target, String app) throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(target.databases().get(app)), target.dbUser(), target.dbPassword());
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Array uuids(Connection c, UUID[] ids) throws SQLException {
        return c.createArrayOf("uuid", ids);
    }
}
