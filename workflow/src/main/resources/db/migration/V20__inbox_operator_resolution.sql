-- Operators act on parked replies (/api/ops/parked): a retry puts the row back to PENDING, due now,
-- with its attempts reset; a discard marks it DISCARDED and records who resolved it, when and why.
-- A discarded row keeps its park reason. Discarded rows are pruned after a retention.
alter table inbox_message drop constraint if exists inbox_message_status;
alter table inbox_message add constraint inbox_message_status
    check (status in ('PENDING', 'PARKED', 'DISCARDED'));

alter table inbox_message drop constraint if exists inbox_message_parked_reason;
alter table inbox_message add constraint inbox_message_parked_reason
    check ((status = 'PENDING') = (reason is null));

alter table inbox_message
    add column resolved_by varchar(200),
    add column resolved_at timestamptz,
    add column resolution  varchar(1000);

alter table inbox_message add constraint inbox_message_discard_resolved
    check (status <> 'DISCARDED' or (resolved_by is not null and resolved_at is not null and resolution is not null));

create index inbox_message_discarded on inbox_message (resolved_at) where status = 'DISCARDED';
create index inbox_message_parked_by_time on inbox_message (created_at, id) where status = 'PARKED';
