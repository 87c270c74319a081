-- Side effects of the test application's handler: one row per handling.
create table handled_command (
    id          bigserial   primary key,
    case_id     uuid        not null,
    message_id  varchar(200) not null,
    handled_at  timestamptz not null default now()
);
