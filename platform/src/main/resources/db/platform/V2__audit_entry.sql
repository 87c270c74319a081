-- Append-only audit trail (S8): who read or changed which record, when, and why.
create table audit_entry (
    id           bigserial    primary key,
    at           timestamptz  not null default now(),
    principal    varchar(200) not null,
    action       varchar(40)  not null,
    subject_type varchar(60)  not null,
    subject_id   varchar(100) not null,
    purpose      varchar(200),
    detail       varchar(1000)
);

create index audit_entry_subject on audit_entry (subject_id, at);

-- The database itself refuses to rewrite history, whatever the application does.
create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op;
end;
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
