-- The workflow's copy of flight-service's monitor assignments (MonitorAssigned, MonitorUnassigned), so that
-- an independent monitor reads the cases on the flights it is assigned to, and nothing else (issue 18, item 5).
-- One row per flight and monitor; the newest event by its own time wins, so a late or repeated one changes nothing.
create table monitor_assignment (
    flight_id     uuid        not null,
    monitor_id    varchar(64) not null,
    assigned_at   timestamptz not null,
    unassigned_at timestamptz,
    primary key (flight_id, monitor_id)
);

create index monitor_assignment_by_monitor on monitor_assignment (monitor_id) where unassigned_at is null;
