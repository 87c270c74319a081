-- Custody records: one row per detained person, with the records attached to them. Nothing is
-- ever deleted: a lifted hold keeps its reason and who lifted it, and property keeps its status
-- history in the audit trail. Invariants live here, not only in code.

-- Readable case numbers, RF-<year>-<6 digits>, never reused.
create sequence case_number_seq start with 1 increment by 1;

create table detainee (
    id                      uuid         primary key,
    case_number             varchar(20)  not null unique,
    given_name              varchar(200) not null,
    family_name             varchar(200) not null,
    date_of_birth           date         not null,
    nationality             varchar(3)   not null check (nationality ~ '^[A-Z]{3}$'),
    preferred_language      varchar(35)  not null,
    facility_code           varchar(20)  not null,
    detained_since          date         not null,
    custody_status          varchar(20)  not null
        check (custody_status in ('IN_CUSTODY', 'RELEASED', 'REMOVED')),
    counsel_name            varchar(200),
    counsel_email           varchar(320),
    removal_order_issued_on date,
    removal_order_final     boolean,
    guardian_id             uuid         references detainee (id),
    open_case_id            uuid,
    created_at              timestamptz  not null,
    created_by              varchar(200) not null,
    updated_at              timestamptz  not null,
    updated_by              varchar(200) not null,
    version                 bigint       not null default 0,
    constraint detainee_case_number_format check (case_number ~ '^RF-[0-9]{4}-[0-9]{6,}$'),
    constraint detainee_detained_after_birth check (detained_since >= date_of_birth),
    constraint detainee_removal_order_complete
        check ((removal_order_issued_on is null) = (removal_order_final is null)),
    constraint detainee_counsel_has_email check (counsel_name is null or counsel_email is not null),
    constraint detainee_not_own_guardian check (guardian_id is null or guardian_id <> id)
);

create index detainee_nationality on detainee (nationality);
create index detainee_facility on detainee (facility_code);
create index detainee_custody_status on detainee (custody_status);

create table residence_permit (
    id          uuid         primary key,
    detainee_id uuid         not null references detainee (id),
    type        varchar(60)  not null,
    number      varchar(60)  not null,
    valid_from  date         not null,
    valid_until date         not null,
    recorded_at timestamptz  not null,
    recorded_by varchar(200) not null,
    constraint residence_permit_dates check (valid_until >= valid_from)
);

create index residence_permit_detainee on residence_permit (detainee_id);

create table legal_hold (
    id          uuid         primary key,
    detainee_id uuid         not null references detainee (id),
    kind        varchar(30)  not null
        check (kind in ('APPEAL', 'STAY_OF_REMOVAL', 'ASYLUM_CLAIM', 'COURT_ORDER', 'WITHHOLDING_OF_REMOVAL')),
    reference   varchar(100) not null,
    placed_at   timestamptz  not null,
    placed_by   varchar(200) not null,
    lifted_at   timestamptz,
    lifted_by   varchar(200),
    lift_reason varchar(500),
    -- A hold is either active, or lifted with when, by whom and why: never half-lifted.
    constraint legal_hold_lifted_completely check (
        (lifted_at is null and lifted_by is null and lift_reason is null)
        or (lifted_at is not null and lifted_by is not null and lift_reason is not null and lift_reason <> '')),
    constraint legal_hold_lifted_after_placed check (lifted_at is null or lifted_at >= placed_at)
);

create index legal_hold_detainee on legal_hold (detainee_id);
-- The same proceeding is held only once at a time.
create unique index legal_hold_one_active on legal_hold (detainee_id, kind, reference) where lifted_at is null;

-- A lifted hold is history: its lifting can never be undone or rewritten.
create function legal_hold_lift_is_final() returns trigger language plpgsql as $$
begin
    if old.lifted_at is not null then
        raise exception 'legal hold % was lifted already; a lifted hold is never changed', old.id;
    end if;
    return new;
end;
$$;

create trigger legal_hold_no_change_after_lift
    before update on legal_hold
    for each row execute function legal_hold_lift_is_final();

create table travel_document (
    id              uuid         primary key,
    detainee_id     uuid         not null references detainee (id),
    kind            varchar(40)  not null
        check (kind in ('PASSPORT', 'EMERGENCY_TRAVEL_DOCUMENT', 'LAISSEZ_PASSER', 'IDENTITY_CARD')),
    number          varchar(60)  not null,
    issuing_country varchar(3)   not null check (issuing_country ~ '^[A-Z]{3}$'),
    valid_until     date         not null,
    recorded_at     timestamptz  not null,
    recorded_by     varchar(200) not null
);

create index travel_document_detainee on travel_document (detainee_id);

create table medical_clearance (
    id          uuid         primary key,
    detainee_id uuid         not null references detainee (id),
    fit_to_fly  boolean      not null,
    assessed_on date         not null,
    valid_until date         not null,
    recorded_at timestamptz  not null,
    recorded_by varchar(200) not null,
    constraint medical_clearance_dates check (valid_until >= assessed_on)
);

create index medical_clearance_detainee on medical_clearance (detainee_id);

create table property_item (
    id          uuid         primary key,
    detainee_id uuid         not null references detainee (id),
    kind        varchar(20)  not null check (kind in ('ID_DOCUMENT', 'VALUABLES', 'LUGGAGE', 'OTHER')),
    description varchar(200) not null,
    status      varchar(20)  not null check (status in ('HELD', 'PACKED', 'HANDED_OVER', 'RETURNED')),
    recorded_at timestamptz  not null,
    recorded_by varchar(200) not null,
    updated_at  timestamptz  not null,
    updated_by  varchar(200) not null
);

create index property_item_detainee on property_item (detainee_id);
