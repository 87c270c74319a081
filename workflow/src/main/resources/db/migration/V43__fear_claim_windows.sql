-- The fear-claim window of a third-country removal (issue 18, item 3): before any seat may be booked for a
-- destination that is not the person's nationality, the person and counsel are told the destination in
-- writing (DESTINATION_NOTICE) and the case waits until the window ends. One window per case and
-- destination: a re-booking never opens a second one, a new destination would.

-- What the DMN destination-requirements said about the window, beside the other requirements.
alter table case_requirement
    add column fear_claim_window_hours integer,
    add column assurance_reference     varchar(64);

create table case_fear_window (
    case_id             uuid        not null references removal_case (case_id),
    destination_country varchar(3)  not null,
    -- the length in force: the DMN's, raised to the floor (72 h with a recorded assurance, else 240 h)
    window_hours        integer     not null check (window_hours >= 72),
    -- what the DMN said, before the floor
    dmn_hours           integer,
    assurance_reference varchar(64),
    -- set only on a stack with the local profile (demo, e2e): the ISO-8601 duration that replaced the window
    local_override      varchar(32),
    opened_at           timestamptz not null,
    ends_at             timestamptz not null,
    closed_at           timestamptz,
    primary key (case_id, destination_country),
    -- without the local override, the window lasts its hours in full
    check (local_override is not null or ends_at >= opened_at + make_interval(hours => window_hours)),
    check (closed_at is null or closed_at >= ends_at)
);
