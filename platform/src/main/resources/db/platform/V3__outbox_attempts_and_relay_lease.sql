-- The outbox relay handles each row on its own: a row the broker refuses gets its attempts, last
-- error and next due time, and after max-attempts it is parked (parked_at) for an operator instead
-- of stalling the rows behind it. Rows of other keys never wait for it; rows of its own key wait
-- until it is sent or parked, which keeps one case's messages in order.
alter table outbox_message
    add column attempts        integer       not null default 0,
    add column last_error      varchar(1000),
    add column next_attempt_at timestamptz   not null default now(),
    add column parked_at       timestamptz;

-- "Is an earlier row of this key still waiting?" for every due row.
create index outbox_message_unsent_by_key on outbox_message (message_key, id)
    where sent_at is null and parked_at is null;
create index outbox_message_parked on outbox_message (id) where parked_at is not null;

-- One relay per database at a time, so that replicas do not reorder a case's messages. A lease, not a
-- lock: the relay renews it with single autocommitted updates and holds no lock while it talks to
-- Kafka; another replica takes it over once it expired.
create table outbox_relay_lease (
    id         smallint     primary key check (id = 1),
    holder     varchar(200),
    expires_at timestamptz  not null default '-infinity'
);

insert into outbox_relay_lease (id) values (1);
