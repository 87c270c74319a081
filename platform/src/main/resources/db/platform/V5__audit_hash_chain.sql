-- The audit trail becomes tamper-evident (S8), and TRUNCATE is refused like UPDATE and DELETE.
-- (V5, not V3: the outbox work of the same round adds V3 and V4.)
--
-- Each entry stores the SHA-256 of its canonical content together with the previous entry's hash
-- (prev_hash; 64 zeros before the first), and audit_chain_head the hash of the last entry. Editing,
-- deleting or inserting a row anywhere breaks the chain at that row, and GET /api/audit/verify
-- (org.returnflow.platform.audit.AuditChain, which recomputes every hash in Java) names it.
--
-- The canonical form, here and in AuditChain#canonical alike:
--   prev_hash|id|at|principal|on_behalf_of|action|subject_type|subject_id|purpose|detail
-- where a value is "<number of characters>:<value>", a null is "-", and at is UTC with microseconds
-- (2026-12-03T10:15:30.123456Z).
alter table audit_entry add column on_behalf_of varchar(200);
alter table audit_entry add column prev_hash char(64);
alter table audit_entry add column hash char(64);

-- The end of the chain, one row. Every insert locks it until its transaction ends, so that concurrent
-- writers append one after the other and the chain stays one line in id order.
create table audit_chain_head (
    id        smallint primary key check (id = 1),
    last_id   bigint,
    last_hash char(64) not null
);

create function audit_entry_canonical_value(v text) returns text language sql immutable as $$
    select case when v is null then '-' else length(v)::text || ':' || v end
$$;

create function audit_entry_hash(prev char(64), e audit_entry) returns char(64) language sql immutable as $$
    select encode(sha256(convert_to(concat_ws('|', prev,
        audit_entry_canonical_value(e.id::text),
        audit_entry_canonical_value(to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
        audit_entry_canonical_value(e.principal),
        audit_entry_canonical_value(e.on_behalf_of),
        audit_entry_canonical_value(e.action),
        audit_entry_canonical_value(e.subject_type),
        audit_entry_canonical_value(e.subject_id),
        audit_entry_canonical_value(e.purpose),
        audit_entry_canonical_value(e.detail)), 'UTF8')), 'hex')
$$;

-- Chain the rows written so far, in id order. Only this migration, as the table's owner, may.
alter table audit_entry disable trigger audit_entry_no_update_or_delete;
do $$
declare
    entry audit_entry;
    previous char(64) := repeat('0', 64);
    last bigint;
begin
    for entry in select * from audit_entry order by id loop
        update audit_entry set prev_hash = previous, hash = audit_entry_hash(previous, entry) where id = entry.id;
        previous := audit_entry_hash(previous, entry);
        last := entry.id;
    end loop;
    insert into audit_chain_head (id, last_id, last_hash) values (1, last, previous);
end;
$$;
alter table audit_entry enable trigger audit_entry_no_update_or_delete;

alter table audit_entry alter column prev_hash set not null;
alter table audit_entry alter column hash set not null;

-- Every new entry joins the chain as it is inserted: the head is locked first, and only then does the
-- entry get its id, so that id order is chain order whatever order writers arrive in.
create function audit_entry_chain() returns trigger language plpgsql as $$
declare
    previous char(64);
begin
    select last_hash into strict previous from audit_chain_head where id = 1 for update;
    new.id := nextval(pg_get_serial_sequence('audit_entry', 'id'));
    new.prev_hash := previous;
    new.hash := audit_entry_hash(previous, new);
    update audit_chain_head set last_id = new.id, last_hash = new.hash where id = 1;
    return new;
end;
$$;

create trigger audit_entry_chained
    before insert on audit_entry
    for each row execute function audit_entry_chain();

-- TRUNCATE is a statement of its own: a row trigger never sees it.
create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
