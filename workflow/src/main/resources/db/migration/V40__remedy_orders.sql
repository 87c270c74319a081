-- A remedy when a removal was wrong (issue 18, item 6): a court orders the return of a person who was
-- removed. The order starts the process return-facilitation (business key: the remedy's id); the removal
-- case and its history stay as they were, and the remedy links to the case.
create table remedy_order (
    id                uuid         primary key,
    case_id           uuid         not null references removal_case (case_id),
    -- The court and its reference: an institution and a docket number, never a person's name.
    court             varchar(120) not null,
    reference         varchar(60)  not null,
    -- The date by which the court wants the person back.
    due_date          date         not null,
    -- The Camunda user who owns the facilitation tasks (consulate, travel document, flight, reports).
    owner             varchar(64)  not null,
    -- Status reports to counsel every this many days until the person is back.
    report_every_days integer      not null,
    status            varchar(20)  not null default 'OPEN',
    ordered_at        timestamptz  not null default now(),
    ordered_by        varchar(200) not null,
    returned_at       timestamptz,
    constraint remedy_order_status check (status in ('OPEN', 'RETURNED')),
    constraint remedy_order_returned check ((returned_at is null) = (status = 'OPEN')),
    constraint remedy_order_report_every check (report_every_days between 1 and 90)
);

-- One open remedy per case: a second order for the same removal is a 409, whatever the callers do.
create unique index remedy_order_one_open_per_case on remedy_order (case_id) where status = 'OPEN';
create index remedy_order_newest on remedy_order (ordered_at desc, id);
create index remedy_order_by_case on remedy_order (case_id);

-- What happened on the way back: the order, each task's outcome, each status report, each escalation.
create table remedy_history (
    id        bigserial    primary key,
    remedy_id uuid         not null references remedy_order (id),
    at        timestamptz  not null default now(),
    actor     varchar(200) not null,
    kind      varchar(40)  not null,
    detail    varchar(2000)
);

create index remedy_history_by_remedy on remedy_history (remedy_id, id);

create function remedy_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'remedy_history is append-only: % refused', tg_op;
end;
$$;

create trigger remedy_history_no_update_or_delete
    before update or delete on remedy_history
    for each row execute function remedy_history_is_append_only();
