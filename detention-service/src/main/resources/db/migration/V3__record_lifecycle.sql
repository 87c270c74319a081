-- The later life of a custody record (issue 17): corrections by merge patch with a version, an
-- agency's own identifiers, transfers and release with their history, invalidated permits,
-- documents and clearances, and the phonetic name keys that search and duplicate detection use.

-- Name keys are computed in Java (domain/NameKey) on registration; R__detainee_name_keys (a Java
-- migration whose checksum is NameKey.VERSION) fills them for existing rows and again whenever
-- the rules change.
alter table detainee add column name_key varchar(401);
create index detainee_duplicate_key on detainee (name_key, date_of_birth, nationality);
create index detainee_date_of_birth on detainee (date_of_birth);
create index detainee_open_case on detainee (open_case_id);
create index detainee_guardian on detainee (guardian_id);

-- Every key a person is found by: each word of the names, neighbouring words joined, each whole field.
create table detainee_name_key (
    detainee_id uuid         not null references detainee (id),
    name_key    varchar(200) not null check (name_key <> ''),
    primary key (detainee_id, name_key)
);
create index detainee_name_key_lookup on detainee_name_key (name_key);

-- An agency's own identifier for the person (an A-number, a file number), one per scheme. The same
-- identifier never names two people: value_key (upper case, separators removed) is unique per scheme.
create table external_identifier (
    id          uuid         primary key,
    detainee_id uuid         not null references detainee (id),
    scheme      varchar(40)  not null check (scheme ~ '^[A-Z][A-Z0-9-]{1,39}$'),
    value       varchar(100) not null check (value <> ''),
    value_key   varchar(100) not null check (value_key ~ '^[A-Z0-9]+$'),
    recorded_at timestamptz  not null,
    recorded_by varchar(200) not null,
    constraint external_identifier_one_per_scheme unique (detainee_id, scheme),
    constraint external_identifier_names_one_person unique (scheme, value_key)
);

-- Transfers and releases, append-only: where the person was held, where they went and why.
create table custody_movement (
    id            uuid         primary key,
    detainee_id   uuid         not null references detainee (id),
    kind          varchar(20)  not null check (kind in ('TRANSFER', 'RELEASE')),
    from_facility varchar(20)  not null,
    to_facility   varchar(20),
    reason        varchar(40)  not null check (reason ~ '^[A-Z][A-Z0-9_]*$'),
    note          varchar(500),
    moved_at      timestamptz  not null,
    moved_by      varchar(200) not null,
    constraint custody_movement_transfer_has_destination check ((kind = 'TRANSFER') = (to_facility is not null)),
    constraint custody_movement_transfer_moves check (to_facility is null or to_facility <> from_facility)
);
create index custody_movement_detainee on custody_movement (detainee_id);

create function custody_movement_is_history() returns trigger language plpgsql as $$
begin
    raise exception 'custody movements are history: % refused', tg_op;
end;
$$;

create trigger custody_movement_append_only
    before update or delete on custody_movement
    for each row execute function custody_movement_is_history();

-- Invalidation of a permit, a travel document or a clearance: complete (when, by whom, a coded
-- reason) or absent, and final once made.
create function invalidation_is_final() returns trigger language plpgsql as $$
begin
    if old.invalidated_at is not null then
        raise exception '% % was invalidated already; an invalidated record is never changed', tg_table_name, old.id;
    end if;
    return new;
end;
$$;

-- The same columns, constraint and trigger on each of the three tables.
do $$
declare
    t text;
begin
    foreach t in array array['residence_permit', 'travel_document', 'medical_clearance'] loop
        execute format('alter table %I
            add column invalidated_at      timestamptz,
            add column invalidated_by      varchar(200),
            add column invalidation_reason varchar(40),
            add column invalidation_note   varchar(500),
            add constraint %I check (
                (invalidated_at is null and invalidated_by is null and invalidation_reason is null
                    and invalidation_note is null)
                or (invalidated_at is not null and invalidated_by is not null
                    and invalidation_reason ~ ''^[A-Z][A-Z0-9_]*$''))',
            t, t || '_invalidated_completely');
        execute format('create trigger %I before update on %I for each row execute function invalidation_is_final()',
            t || '_invalidation_is_final', t);
    end loop;
end;
$$;
