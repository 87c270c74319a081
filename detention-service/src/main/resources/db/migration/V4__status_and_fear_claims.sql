-- Issue 18 items 2 and 3: claims of US citizenship or lawful status, and fear claims.
--
-- A status claim blocks removal (STATUS_CLAIM_PENDING, never overridden) while it is open; a fear claim
-- is a legal hold of kind PROTECTION_CLAIM, which only the claim's decision lifts (when rejected).
-- A decision is made once: when, by whom (the verified principal), for whom (an officer, optional),
-- its outcome and its reference; a decided claim never changes again.

alter table legal_hold drop constraint legal_hold_kind_check;
alter table legal_hold add constraint legal_hold_kind_check
    check (kind in ('APPEAL', 'STAY_OF_REMOVAL', 'ASYLUM_CLAIM', 'COURT_ORDER', 'WITHHOLDING_OF_REMOVAL',
                    'PROTECTION_CLAIM'));

create table status_claim (
    id                   uuid         primary key,
    detainee_id          uuid         not null references detainee (id),
    claim                varchar(40)  not null
        check (claim in ('US_CITIZENSHIP', 'US_NATIONALITY', 'LAWFUL_PERMANENT_RESIDENCE', 'REFUGEE_STATUS',
                         'ASYLEE_STATUS', 'TEMPORARY_PROTECTED_STATUS', 'OTHER_LAWFUL_STATUS')),
    evidence_reference   varchar(100) not null check (evidence_reference ~ '^[A-Za-z0-9][A-Za-z0-9._:/#-]*$'),
    opened_at            timestamptz  not null,
    opened_by            varchar(200) not null,
    outcome              varchar(10)  check (outcome in ('UPHELD', 'REJECTED')),
    decision_reference   varchar(100) check (decision_reference ~ '^[A-Za-z0-9][A-Za-z0-9._:/#-]*$'),
    decided_at           timestamptz,
    decided_by           varchar(200),
    decided_on_behalf_of varchar(200),
    -- Open, or decided completely (outcome, reference, when, by whom): never half-decided.
    constraint status_claim_decided_completely check (
        (outcome is null and decision_reference is null and decided_at is null and decided_by is null
            and decided_on_behalf_of is null)
        or (outcome is not null and decision_reference is not null and decided_at is not null
            and decided_by is not null)),
    constraint status_claim_decided_after_opened check (decided_at is null or decided_at >= opened_at)
);

create index status_claim_detainee on status_claim (detainee_id);
-- One open claim of a kind per person.
create unique index status_claim_one_open on status_claim (detainee_id, claim) where outcome is null;

create table fear_claim (
    id                   uuid         primary key,
    detainee_id          uuid         not null references detainee (id),
    destination_country  varchar(3)   not null check (destination_country ~ '^[A-Z]{3}$'),
    made_on              date         not null,
    reference            varchar(100) check (reference ~ '^[A-Za-z0-9][A-Za-z0-9._:/#-]*$'),
    -- deferred: the claim and its hold are inserted in one transaction, in whichever order JPA flushes them
    hold_id              uuid         not null unique references legal_hold (id) deferrable initially deferred,
    recorded_at          timestamptz  not null,
    recorded_by          varchar(200) not null,
    outcome              varchar(10)  check (outcome in ('UPHELD', 'REJECTED')),
    decision_reference   varchar(100) check (decision_reference ~ '^[A-Za-z0-9][A-Za-z0-9._:/#-]*$'),
    decided_at           timestamptz,
    decided_by           varchar(200),
    decided_on_behalf_of varchar(200),
    constraint fear_claim_decided_completely check (
        (outcome is null and decision_reference is null and decided_at is null and decided_by is null
            and decided_on_behalf_of is null)
        or (outcome is not null and decision_reference is not null and decided_at is not null
            and decided_by is not null)),
    constraint fear_claim_decided_after_recorded check (decided_at is null or decided_at >= recorded_at)
);

create index fear_claim_detainee on fear_claim (detainee_id);
-- One open fear claim per person and destination.
create unique index fear_claim_one_open on fear_claim (detainee_id, destination_country) where outcome is null;

-- A decided claim is history: its decision can never be undone or rewritten.
create function claim_decision_is_final() returns trigger language plpgsql as $$
begin
    if old.decided_at is not null then
        raise exception '% % was decided already and cannot change', tg_table_name, old.id;
    end if;
    return new;
end;
$$;

create trigger status_claim_no_change_after_decision
    before update or delete on status_claim
    for each row execute function claim_decision_is_final();
create trigger fear_claim_no_change_after_decision
    before update or delete on fear_claim
    for each row execute function claim_decision_is_final();

-- A PROTECTION_CLAIM hold is lifted only by its fear claim's rejection, checked at commit (the claim's
-- decision and the hold's lifting are written in one transaction, in either order).
create function protection_hold_lifted_by_rejection() returns trigger language plpgsql as $$
begin
    if new.kind = 'PROTECTION_CLAIM' and new.lifted_at is not null and not exists (
            select 1 from fear_claim f where f.hold_id = new.id and f.outcome = 'REJECTED') then
        raise exception 'PROTECTION_CLAIM hold % is lifted only when its fear claim is rejected', new.id;
    end if;
    return null;
end;
$$;

create constraint trigger legal_hold_protection_lifted_by_rejection
    after insert or update on legal_hold
    deferrable initially deferred
    for each row execute function protection_hold_lifted_by_rejection();
