-- Each SERIOUS finding an independent monitor reported about a case (MonitoringFindingReported), once:
-- the finding's id is the key, so the same finding delivered or published again opens no second review
-- for supervisors. Codes and ids only; the monitor's words stay in flight-service.
create table monitoring_finding (
    finding_id   uuid        primary key,
    case_id      uuid        not null,
    flight_id    uuid        not null,
    report_id    uuid        not null,
    monitor_id   varchar(64) not null,
    finding_code varchar(60) not null,
    severity     varchar(20) not null,
    reported_at  timestamptz not null,
    received_at  timestamptz not null default now()
);

create index monitoring_finding_by_case on monitoring_finding (case_id);
