-- The address book: the e-mail contact of a detained person and of their counsel, registered by
-- detention with RegisterContact. Addresses live only here, never on a public topic.
create table contact (
    detainee_id    uuid         not null,
    recipient_type varchar(20)  not null check (recipient_type in ('DETAINEE', 'COUNSEL')),
    address        varchar(254) not null,
    locale         varchar(35)  not null,
    updated_at     timestamptz  not null,
    primary key (detainee_id, recipient_type)
);

-- The consulate directory: where the receiving state's consulate is told, by ISO 3166-1 alpha-3.
create table consulate (
    country    varchar(3)   primary key check (country ~ '^[A-Z]{3}$'),
    name       varchar(200) not null,
    email      varchar(254) not null,
    updated_at timestamptz  not null
);

-- One row per notice to one recipient. S7: the idempotency key is unique in the database, so a
-- redelivered or repeated SendNotification can never create a second delivery.
create table notification (
    id               uuid         primary key,
    case_id          uuid         not null,
    detainee_id      uuid,
    recipient_type   varchar(20)  not null check (recipient_type in ('DETAINEE', 'COUNSEL', 'CONSULATE')),
    template_key     varchar(40)  not null,
    flight_id        uuid,
    country          varchar(3),
    requested_locale varchar(35)  not null,
    locale           varchar(35)  not null,
    fallback_locale  boolean      not null,
    address          varchar(254),
    data             jsonb        not null,
    status           varchar(20)  not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer      not null default 0,
    failure_reason   varchar(60),
    smtp_message_id  varchar(300),
    created_at       timestamptz  not null,
    delivered_at     timestamptz,
    failed_at        timestamptz,
    -- A delivered notice names its Message-ID and time; only a pending one may lack an address.
    check (status <> 'DELIVERED' or (smtp_message_id is not null and delivered_at is not null)),
    check (status <> 'PENDING' or address is not null)
);

-- flightId may be absent (CASE_WITHDRAWN): coalesce makes "no flight" one value, so two such
-- requests for one case, recipient and template still collide.
create unique index notification_idempotency_key on notification (
    case_id, recipient_type, template_key, coalesce(flight_id, '00000000-0000-0000-0000-000000000000'::uuid));

create index notification_pending on notification (created_at) where status = 'PENDING';
create index notification_by_case on notification (case_id, created_at);
