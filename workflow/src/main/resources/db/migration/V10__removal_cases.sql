-- Case records of the workflow: removal operations, one row per case, and each case's
-- append-only history (S8). Process variables hold ids and codes only; what the case API shows
-- lives here.

create table removal_operation (
    id                  uuid         primary key,
    name                varchar(200) not null,
    destination_country char(3)      not null,
    created_at          timestamptz  not null default now(),
    created_by          varchar(200) not null
);

create table removal_case (
    case_id             uuid         primary key,
    detainee_id         uuid         not null,
    operation_id        uuid         references removal_operation (id),
    destination_country char(3)      not null,
    state               varchar(30)  not null,
    voluntary           boolean,
    flight_id           uuid,
    -- The blockers of the latest eligibility assessment: [{code, detail}].
    blockers            jsonb        not null default '[]'::jsonb,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    -- When the process instance was started; null while an operation's case waits for the starter.
    started_at          timestamptz,
    start_attempts      integer      not null default 0,
    start_after         timestamptz,
    -- Set when the case reaches REMOVED or WITHDRAWN.
    ended_at            timestamptz,
    constraint removal_case_state check (state in ('OPEN', 'ELIGIBILITY_CHECK', 'LEGAL_REVIEW', 'AWAITING_CONSENT',
        'AWAITING_SEAT', 'BOOKED', 'NOTIFIED', 'BOARDED', 'REMOVED', 'WITHDRAWN')),
    constraint removal_case_ended check ((ended_at is null) = (state not in ('REMOVED', 'WITHDRAWN')))
);

-- S7: a person has at most one open case. The database enforces it, whatever the callers do.
create unique index removal_case_one_open_per_detainee on removal_case (detainee_id) where ended_at is null;
create index removal_case_by_operation on removal_case (operation_id, state);
create index removal_case_by_state on removal_case (state, created_at);
create index removal_case_to_start on removal_case (created_at) where started_at is null and ended_at is null;

-- S8: every decision and every reply, with who, when and what (codes and ids, never a name).
create table case_history (
    id      bigserial     primary key,
    case_id uuid          not null references removal_case (case_id),
    at      timestamptz   not null default clock_timestamp(),
    actor   varchar(200)  not null,
    kind    varchar(60)   not null,
    detail  varchar(2000)
);

create index case_history_by_case on case_history (case_id, id);

create function case_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'case_history is append-only: % refused', tg_op;
end;
$$;

create trigger case_history_no_update_or_delete
    before update or delete on case_history
    for each row execute function case_history_is_append_only();
