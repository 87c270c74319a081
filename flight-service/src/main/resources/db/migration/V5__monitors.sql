-- Independent monitors per charter (issue 18, item 5). An agency assigns a monitor's client to a
-- flight; the monitor reads that flight's manifest, must be on board before the flight departs, and
-- files monitoring reports. Reports and their findings are append-only: the database refuses to
-- update, delete or truncate them.

create table flight_monitor (
    id            uuid         primary key,
    flight_id     uuid         not null references flight (id),
    -- the monitor's OAuth2 client id, the subject of its tokens
    monitor_id    varchar(63)  not null check (monitor_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    assigned_at   timestamptz  not null,
    assigned_by   varchar(200) not null,
    boarded_at    timestamptz,
    unassigned_at timestamptz,
    unassign_reason varchar(60) check (unassign_reason ~ '^[A-Z][A-Z0-9_]*$'),
    constraint flight_monitor_unassigned_with_reason check ((unassigned_at is null) = (unassign_reason is null))
);

create unique index flight_monitor_one_active_assignment on flight_monitor (flight_id, monitor_id)
    where unassigned_at is null;
create index flight_monitor_by_monitor on flight_monitor (monitor_id) where unassigned_at is null;

create table monitoring_report (
    id         uuid        primary key,
    flight_id  uuid        not null references flight (id),
    monitor_id varchar(63) not null,
    filed_at   timestamptz not null
);

create index monitoring_report_by_flight on monitoring_report (flight_id, filed_at);

create table monitoring_finding (
    id          uuid         primary key,
    report_id   uuid         not null references monitoring_report (id),
    position    integer      not null check (position >= 0),
    case_id     uuid         not null,
    code        varchar(60)  not null check (code ~ '^[A-Z][A-Z0-9_]*$'),
    severity    varchar(10)  not null check (severity in ('INFO', 'CONCERN', 'SERIOUS')),
    description varchar(280),
    unique (report_id, position)
);

create index monitoring_finding_by_case on monitoring_finding (case_id);

create function monitoring_record_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'monitoring reports are append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger monitoring_report_append_only before update or delete on monitoring_report
    for each row execute function monitoring_record_is_append_only();
create trigger monitoring_report_no_truncate before truncate on monitoring_report
    for each statement execute function monitoring_record_is_append_only();
create trigger monitoring_finding_append_only before update or delete on monitoring_finding
    for each row execute function monitoring_record_is_append_only();
create trigger monitoring_finding_no_truncate before truncate on monitoring_finding
    for each statement execute function monitoring_record_is_append_only();
