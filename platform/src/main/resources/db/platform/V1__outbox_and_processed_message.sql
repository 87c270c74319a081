-- Platform tables, migrated by the platform's own Flyway history (platform_schema_history),
-- so that every service gets them without numbering clashes with its own migrations.

-- Transactional outbox: a row commits together with the state change that caused it, and the
-- relay publishes it to Kafka afterwards. Rows are kept (sent_at set) for inspection and purged
-- after the retention period.
create table outbox_message (
    id          bigserial    primary key,
    event_id    uuid         not null unique,
    topic       varchar(200) not null,
    message_key varchar(200) not null,
    type        varchar(200) not null,
    subject     varchar(200) not null,
    payload     jsonb        not null,
    created_at  timestamptz  not null default now(),
    sent_at     timestamptz
);

create index outbox_message_pending on outbox_message (id) where sent_at is null;

-- Idempotent consumer: one row per CloudEvents id a consumer has handled. The insert and the
-- handler share one transaction, so a redelivered message finds its row and is skipped.
create table processed_message (
    message_id   varchar(200) not null,
    consumer     varchar(200) not null,
    type         varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (message_id, consumer)
);
