-- Re-verification before departure (issue 18): at T-72 h and at T-2 h before the departure of the
-- seat a case holds, the case verifies its eligibility again with a fresh answer from detention.
-- One row per case, threshold and departure: a departure moved earlier (or later) arms both again.
create table case_reverification (
    case_id       uuid          not null references removal_case (case_id),
    threshold     varchar(10)   not null,
    departure_at  timestamptz   not null,
    requested_at  timestamptz   not null default now(),
    primary key (case_id, threshold, departure_at),
    constraint case_reverification_threshold check (threshold in ('T72H', 'T2H'))
);
