-- The safeguard state of a case (DESIGN.md "Decisions are records"), kept by the workflow in its own
-- tables and derived only from the services' replies and from recorded decisions. No process
-- variable changes it: the process reads these tables at every decision, so a variable a user
-- smuggles into the engine (overriddenBlockers, blockers, blocked, eligible, voluntary, ...) decides
-- nothing.

-- Every command the process sent. Its CloudEvents id is the request id that every reply carries in
-- `requestId`; a reply is taken only while its request is the newest of its kind, unanswered and not
-- superseded. Anything else is a STALE_REPLY in the case history and changes nothing.
create table case_request (
    request_id      uuid          primary key,
    -- The order of requests; timestamps are equal within one transaction.
    seq             bigserial     not null unique,
    case_id         uuid          not null references removal_case (case_id),
    command         varchar(60)   not null,
    -- What makes requests of one command distinct waits: the recipientType of a SendNotification.
    -- A newer request replaces an older one of the same command and scope.
    scope           varchar(40)   not null default '',
    -- The stage of an AssessEligibility, the reason of a ReleaseSeat, the template of a notice.
    detail          varchar(60),
    -- The flight a SendNotification is about: its answers go stale when that seat is gone.
    flight_id       uuid,
    sent_at         timestamptz   not null default now(),
    superseded_at   timestamptz,
    superseded_by   varchar(200),
    answered_at     timestamptz,
    answer_type     varchar(60),
    answer_message  varchar(200),
    -- A delivered notice's deliveredAt, the instant the S4 notice window is measured from.
    delivered_at    timestamptz
);

create index case_request_newest on case_request (case_id, command, scope, seq desc);

-- The blockers of a case: the newest eligibility answer's, plus a legal hold placed since. Rows are
-- never deleted: a fresh answer clears the old ones (cleared_at) and adds its own.
create table case_blocker (
    id              bigserial     primary key,
    case_id         uuid          not null references removal_case (case_id),
    code            varchar(40)   not null,
    -- codes and dates only: detention's detail is never free text about a person
    detail          varchar(400),
    -- ASSESSMENT (from EligibilityAssessed) or LEGAL_HOLD_PLACED
    source          varchar(40)   not null,
    source_request  uuid,
    source_message  varchar(200)  not null,
    recorded_at     timestamptz   not null default now(),
    cleared_at      timestamptz,
    cleared_by      varchar(200)
);

create index case_blocker_open on case_blocker (case_id) where cleared_at is null;

-- Decisions of Legal review and Supervisor approval, with who, when and why (S2, S8, S10).
create table case_decision (
    id              bigserial     primary key,
    case_id         uuid          not null references removal_case (case_id),
    task_id         varchar(64)   not null,
    kind            varchar(30)   not null,
    decision        varchar(20)   not null,
    actor           varchar(200)  not null,
    decided_at      timestamptz   not null default now(),
    justification   varchar(2000) not null,
    -- the blockers open when the decision was made, comma-separated codes
    open_blockers   varchar(400)  not null,
    -- for a PROCEED: whether a supervisor of another user must approve it
    needs_approval  boolean       not null default false,
    constraint case_decision_kind check (kind in ('LEGAL_REVIEW', 'SUPERVISOR_APPROVAL')),
    constraint case_decision_value check (
        (kind = 'LEGAL_REVIEW' and decision in ('PROCEED', 'RECHECK', 'WITHDRAW'))
        or (kind = 'SUPERVISOR_APPROVAL' and decision in ('APPROVE', 'REJECT')))
);

create index case_decision_by_case on case_decision (case_id, id desc);

-- Overridable blockers (VALID_RESIDENCE_PERMIT, UNACCOMPANIED_MINOR) that a reviewer proceeded past
-- and a different supervisor approved (four eyes).
create table case_override (
    id                      bigserial     primary key,
    case_id                 uuid          not null references removal_case (case_id),
    code                    varchar(40)   not null,
    review_decision         bigint        not null references case_decision (id),
    approval_decision       bigint        not null references case_decision (id),
    reviewer                varchar(200)  not null,
    supervisor              varchar(200)  not null,
    approved_at             timestamptz   not null default now(),
    constraint case_override_code check (code in ('VALID_RESIDENCE_PERMIT', 'UNACCOMPANIED_MINOR')),
    constraint case_override_four_eyes check (reviewer <> supervisor)
);

create index case_override_by_case on case_override (case_id);

-- The consent that stands for the case (S3): GIVEN only from a ConsentGiven with evidence.
create table case_consent (
    case_id         uuid          primary key references removal_case (case_id),
    consent_id      uuid,
    standing        varchar(20)   not null,
    officer         varchar(200),
    language        varchar(35),
    interpreter     varchar(200),
    evidence_sha256 char(64),
    source_request  uuid,
    source_message  varchar(200)  not null,
    recorded_at     timestamptz   not null default now(),
    constraint case_consent_standing check (standing in ('GIVEN', 'DECLINED', 'EXPIRED', 'WITHDRAWN', 'TIMED_OUT')),
    constraint case_consent_given_with_evidence check (standing <> 'GIVEN'
        or (officer is not null and language is not null and evidence_sha256 is not null and consent_id is not null))
);

-- The seat the case holds, from flight's answers; gone when released, struck or cancelled.
create table case_seat (
    case_id             uuid          primary key references removal_case (case_id),
    flight_id           uuid          not null,
    seat                varchar(10)   not null,
    flight_number       varchar(20)   not null,
    departure_at        timestamptz   not null,
    departure_airport   char(3)       not null,
    stopover_airports   varchar(100)  not null default '',
    arrival_airport     char(3)       not null,
    source_request      uuid          not null,
    booked_at           timestamptz   not null default now()
);

-- The inbox keeps the request a reply answers, and the flight an event about the case's seat is about,
-- so that the correlator can check again, in the correlation's own transaction, that the request is
-- still the newest and the seat still on that flight.
alter table inbox_message add column request_id uuid;
alter table inbox_message add column seat_flight_id uuid;

-- What the DMN destination-requirements decided for the case; the process reads it from here.
create table case_requirement (
    case_id                  uuid          primary key references removal_case (case_id),
    third_country            boolean       not null,
    requires_consent         boolean       not null,
    notice_hours             integer       not null check (notice_hours >= 0),
    requires_travel_document boolean       not null,
    max_per_flight           integer       check (max_per_flight > 0),
    decided_at               timestamptz   not null default now()
);
