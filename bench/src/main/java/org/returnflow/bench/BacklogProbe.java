package org.returnflow.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The backlog of the stack at one moment, from the outside: outbox rows not yet relayed (every
 * service), consumer lag (committed offsets against end offsets of every consumer group with
 * members), due Camunda jobs, and the two work tables that queue work behind a consumer
 * (the workflow's correlation inbox, the notification service's pending notices).
 *
 * <p>Each sample costs one autocommit query per database; {@link #statements()} counts them, so
 * that commits per case can leave the probe's own out.
 */
public final class BacklogProbe implements AutoCloseable {

    /** One sample. */
    public record Sample(Instant at, Map<String, Long> outbox, long consumerLag, Map<String, Long> lagByGroup,
                         long dueJobs, long inboxPending, long noticesPending) {

        public long outboxTotal() {
            return outbox.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Outbox rows + consumer lag + due jobs: the backlog as issue 10 defines it. */
        public long backlog() {
            return outboxTotal() + consumerLag + dueJobs;
        }

        /** The backlog plus the work tables behind consumers. */
        public long total() {
            return backlog() + inboxPending + noticesPending;
        }
    }

    private final Target target;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Admin admin;
    private final AtomicLong statements = new AtomicLong();

    public BacklogProbe(Target target) throws SQLException {
        this.target = target;
        for (Map.Entry<String, String> db : target.databases().entrySet()) {
            Connection c = DriverManager.getConnection(target.jdbcUrl(db.getValue()), target.dbUser(), target.dbPassword());
            c.setAutoCommit(true);
            connections.put(db.getKey(), c);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "returnflow-bench-probe");
        this.admin = Admin.create(props);
    }

    public Admin admin() {
        return admin;
    }

    /** Statements (one transaction each) the probe ran, over all databases. */
    public long statements() {
        return statements.get();
    }

    public synchronized Sample sample() {
        Map<String, Long> outbox = new TreeMap<>();
        long dueJobs = 0;
        long inbox = 0;
        long notices = 0;
        try {
            for (Map.Entry<String, Connection> c : connections.entrySet()) {
                String sql = switch (c.getKey()) {
                    case "workflow" -> "select (select count(*) from outbox_message where sent_at is null), "
                            + "(select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1 "
                            + "and (duedate_ is null or duedate_ <= now())), "
                            + "(select count(*) from inbox_message where status = 'PENDING')";
                    case "notification-service" -> "select (select count(*) from outbox_message where sent_at is null), 0, "
                            + "(select count(*) from notification where status = 'PENDING')";
                    default -> "select (select count(*) from outbox_message where sent_at is null), 0, 0";
                };
                try (Statement s = c.getValue().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    statements.incrementAndGet();
                    rs.next();
                    outbox.put(c.getKey(), rs.getLong(1));
                    if ("workflow".equals(c.getKey())) {
                        dueJobs = rs.getLong(2);
                        inbox = rs.getLong(3);
                    } else if ("notification-service".equals(c.getKey())) {
                        notices = rs.getLong(3);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the backlog from PostgreSQL: " + e.getMessage(), e);
        }
        Map<String, Long> lag = consumerLag();
        long totalLag = lag.values().stream().mapToLong(Long::longValue).sum();
        return new Sample(Instant.now(), outbox, totalLag, lag, dueJobs, inbox, notices);
    }

    /** Lag per consumer group, over the groups that have members now. */
    private Map<String, Long> consumerLag() {
        try {
            Collection<ConsumerGroupListing> listings = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS);
            List<String> ids = listings.stream().map(ConsumerGroupListing::groupId).toList();
            if (ids.isEmpty()) {
                return Map.of();
            }
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(ids).all().get(10, TimeUnit.SECONDS);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            for (String id : ids) {
                if (described.get(id) == null || described.get(id).members().isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(id)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                committed.put(id, offsets);
            }
            Set<TopicPartition> partitions = committed.values().stream().flatMap(m -> m.keySet().stream())
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            Map<String, Long> lag = new TreeMap<>();
            committed.forEach((group, offsets) -> {
                long sum = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    if (e.getValue() != null) {
                        sum += Math.max(0, ends.getOrDefault(e.getKey(), 0L) - e.getValue().offset());
                    }
                }
                lag.put(group, sum);
            });
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read consumer lag from Kafka: " + e, e);
        }
    }

    /** End offsets of these partitions. */
    public Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(latest).all()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        info.forEach((p, i) -> ends.put(p, i.offset()));
        return ends;
    }

    public Target target() {
        return target;
    }

    @Override
    public void close() {
        connections.values().forEach(c -> {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        });
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
