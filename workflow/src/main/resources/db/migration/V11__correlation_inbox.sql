-- The correlation inbox: every reply the workflow accepts is written here in the transaction that
-- also records its CloudEvents id (processed_message), and correlated to the process in a
-- transaction of its own. A reply that finds no waiting instance yet stays PENDING and is retried
-- with backoff; it survives a restart. A reply that can no longer be correlated (its case ended,
-- there is no such case, or nothing awaited it in time) is PARKED with a reason, never dropped.
-- Correlated rows are deleted: the case history keeps the reply.

create table inbox_message (
    id              bigserial     primary key,
    message_id      varchar(200)  not null,
    message_name    varchar(100)  not null,
    case_id         uuid          not null,
    -- Process variables to set, local variables to set on the receiving execution, and local
    -- variables the receiving execution must have (e.g. recipientType).
    variables       jsonb         not null default '{}'::jsonb,
    local_variables jsonb         not null default '{}'::jsonb,
    local_match     jsonb         not null default '{}'::jsonb,
    actor           varchar(200)  not null,
    status          varchar(20)   not null default 'PENDING',
    reason          varchar(40),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null default now(),
    last_error      varchar(1000),
    created_at      timestamptz   not null default now(),
    constraint inbox_message_status check (status in ('PENDING', 'PARKED')),
    constraint inbox_message_parked_reason check ((status = 'PARKED') = (reason is not null))
);

create index inbox_message_due on inbox_message (next_attempt_at, id) where status = 'PENDING';
create index inbox_message_pending_by_case on inbox_message (case_id) where status = 'PENDING';
create index inbox_message_parked_by_case on inbox_message (case_id) where status = 'PARKED';
