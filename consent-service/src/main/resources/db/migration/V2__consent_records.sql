-- Consent records (S3, S8). A request is opened by a RequestConsent command; its decision and
-- any withdrawal are new rows, never updates. The database itself enforces the rules that make
-- a consent stand up to scrutiny, whatever the application does.

create table consent_request (
    id                 uuid         primary key,
    version            bigint       not null,
    case_id            uuid         not null,
    detainee_id        uuid         not null,
    preferred_language varchar(35)  not null
        constraint consent_request_language_is_bcp47 check (preferred_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    detained_since     date         not null,
    due_by             timestamptz  not null,
    status             varchar(10)  not null
        constraint consent_request_status_known
            check (status in ('PENDING', 'GIVEN', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
    requested_at       timestamptz  not null,
    requested_by       varchar(200) not null,
    command_id         varchar(200) not null,
    expired_at         timestamptz,
    constraint consent_request_expired_at_only_when_expired
        check ((status = 'EXPIRED') = (expired_at is not null))
);

create index consent_request_case on consent_request (case_id, requested_at);
create index consent_request_detainee on consent_request (detainee_id, requested_at);
create index consent_request_due on consent_request (due_by) where status = 'PENDING';

-- One open request per case: a pending request, or consent that stands.
create unique index consent_request_one_open_per_case on consent_request (case_id)
    where status in ('PENDING', 'GIVEN');

create table consent_decision (
    id                uuid         primary key,
    consent_id        uuid         not null references consent_request (id),
    decision          varchar(10)  not null
        constraint consent_decision_known check (decision in ('GIVEN', 'DECLINED')),
    officer           varchar(100) not null
        constraint consent_decision_officer_named check (length(trim(officer)) > 0),
    language          varchar(35)
        constraint consent_decision_language_is_bcp47 check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    interpreter       varchar(100)
        constraint consent_decision_interpreter_named check (length(trim(interpreter)) > 0),
    evidence_sha256   varchar(64)
        constraint consent_decision_evidence_is_sha256 check (evidence_sha256 ~ '^[0-9a-f]{64}$'),
    days_in_detention integer      not null
        constraint consent_decision_days_not_negative check (days_in_detention >= 0),
    review_required   boolean      not null,
    decided_at        timestamptz  not null,
    recorded_by       varchar(200) not null,
    -- One decision per request: a second one is refused, never overwrites the first.
    constraint consent_decision_one_per_request unique (consent_id),
    -- S3: consent given names the language and the evidence.
    constraint consent_given_has_language_and_evidence
        check (decision <> 'GIVEN' or (language is not null and evidence_sha256 is not null))
);

create table consent_withdrawal (
    id           uuid          primary key,
    consent_id   uuid          not null references consent_request (id),
    reason       varchar(1000) not null
        constraint consent_withdrawal_reason_given check (length(trim(reason)) > 0),
    withdrawn_at timestamptz   not null,
    recorded_by  varchar(200)  not null,
    constraint consent_withdrawal_one_per_request unique (consent_id)
);

-- Cases whose person boarded (PassengerBoarded on flight.events): consent can no longer be withdrawn.
create table boarded_case (
    case_id     uuid        primary key,
    flight_id   uuid        not null,
    boarded_at  timestamptz not null,
    recorded_at timestamptz not null default now()
);

-- Decisions, withdrawals and boardings are history: never updated, never deleted.
create function consent_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
end;
$$;

create trigger consent_decision_no_update_or_delete
    before update or delete on consent_decision
    for each row execute function consent_history_is_append_only();

create trigger consent_withdrawal_no_update_or_delete
    before update or delete on consent_withdrawal
    for each row execute function consent_history_is_append_only();

create trigger boarded_case_no_update_or_delete
    before update or delete on boarded_case
    for each row execute function consent_history_is_append_only();

-- S3 in the database: consent given in a language other than the person's (compared by primary
-- subtag, so fa = fa-IR) names an interpreter.
create function consent_decision_checks_interpreter() returns trigger language plpgsql as $$
declare
    preferred varchar;
begin
    if new.decision = 'GIVEN' and new.interpreter is null then
        select preferred_language into preferred from consent_request where id = new.consent_id;
        if lower(split_part(new.language, '-', 1)) <> lower(split_part(preferred, '-', 1)) then
            raise exception 'consent given in % to a person whose language is % names no interpreter',
                new.language, preferred;
        end if;
    end if;
    return new;
end;
$$;

create trigger consent_decision_interpreter_when_languages_differ
    before insert on consent_decision
    for each row execute function consent_decision_checks_interpreter();

-- A withdrawal needs consent given, and is refused once the person has boarded.
create function consent_withdrawal_checks_state() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from consent_decision where consent_id = new.consent_id and decision = 'GIVEN') then
        raise exception 'consent request % has no consent given to withdraw', new.consent_id;
    end if;
    if exists (select 1 from boarded_case b join consent_request r on r.case_id = b.case_id
               where r.id = new.consent_id) then
        raise exception 'consent request %: the person has boarded; withdrawal refused', new.consent_id;
    end if;
    return new;
end;
$$;

create trigger consent_withdrawal_before_boarding
    before insert on consent_withdrawal
    for each row execute function consent_withdrawal_checks_state();

-- A request keeps what it was opened with; only its status moves, and only forward:
-- PENDING -> GIVEN | DECLINED | EXPIRED, GIVEN -> WITHDRAWN. It is never deleted.
create function consent_request_moves_forward() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'consent_request is never deleted';
    end if;
    if new.id <> old.id or new.case_id <> old.case_id or new.detainee_id <> old.detainee_id
            or new.preferred_language <> old.preferred_language or new.detained_since <> old.detained_since
            or new.due_by <> old.due_by or new.requested_at <> old.requested_at
            or new.requested_by <> old.requested_by or new.command_id <> old.command_id
            or (old.expired_at is not null and new.expired_at is distinct from old.expired_at) then
        raise exception 'consent_request %: only its status may change', old.id;
    end if;
    if new.status <> old.status and not (
            (old.status = 'PENDING' and new.status in ('GIVEN', 'DECLINED', 'EXPIRED'))
            or (old.status = 'GIVEN' and new.status = 'WITHDRAWN')) then
        raise exception 'consent_request %: % -> % is not allowed', old.id, old.status, new.status;
    end if;
    return new;
end;
$$;

create trigger consent_request_status_moves_forward
    before update or delete on consent_request
    for each row execute function consent_request_moves_forward();
