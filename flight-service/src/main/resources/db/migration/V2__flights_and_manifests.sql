-- Charter flights, their stopovers and their manifests (safeguard S7).
--
-- The database, not only the code, keeps a manifest within its seats:
--   * flight.seats_booked counts the active manifest entries, and a CHECK keeps it within
--     seat_capacity - escort_seats. A booking raises it with one conditional UPDATE, which also
--     locks the flight row until the booking commits, so concurrent bookings queue per flight.
--   * a case holds at most one active entry (unique partial index on case_id);
--   * a seat holds at most one active entry per flight (unique partial index on flight_id, seat_number).
-- Struck entries are kept, with the reason and the time, so the record of who was taken off a
-- flight is never lost.

create table flight (
    id                  uuid         primary key,
    flight_number       varchar(10)  not null,
    operator            varchar(100) not null,
    departure_airport   varchar(3)   not null check (departure_airport ~ '^[A-Z]{3}$'),
    arrival_airport     varchar(3)   not null check (arrival_airport ~ '^[A-Z]{3}$'),
    departure_at        timestamptz  not null,
    destination_country varchar(3)   not null check (destination_country ~ '^[A-Z]{3}$'),
    seat_capacity       integer      not null check (seat_capacity > 0),
    escort_seats        integer      not null check (escort_seats >= 0),
    seats_booked        integer      not null default 0,
    status              varchar(20)  not null
        check (status in ('SCHEDULED', 'MANIFEST_LOCKED', 'DEPARTED', 'ARRIVED', 'CANCELLED')),
    scheduled_at        timestamptz  not null,
    manifest_locked_at  timestamptz,
    departed_at         timestamptz,
    arrived_at          timestamptz,
    cancelled_at        timestamptz,
    cancel_reason       varchar(60)  check (cancel_reason ~ '^[A-Z][A-Z0-9_]*$'),
    cancel_note         varchar(1000),
    version             bigint       not null default 0,
    constraint flight_escorts_below_capacity check (escort_seats < seat_capacity),
    constraint flight_never_overbooked check (seats_booked >= 0 and seats_booked <= seat_capacity - escort_seats),
    constraint flight_cancel_has_reason check ((status = 'CANCELLED') = (cancel_reason is not null))
);

create index flight_bookable on flight (destination_country, departure_at) where status = 'SCHEDULED';

create table stopover (
    flight_id uuid        not null references flight (id),
    position  integer     not null check (position >= 0),
    airport   varchar(3)  not null check (airport ~ '^[A-Z]{3}$'),
    arrive_at timestamptz not null,
    depart_at timestamptz not null,
    primary key (flight_id, position),
    constraint stopover_arrives_before_it_departs check (arrive_at < depart_at)
);

create table manifest_entry (
    id             uuid         primary key,
    flight_id      uuid         not null references flight (id),
    case_id        uuid         not null,
    seat_number    integer      not null check (seat_number > 0),
    seat           varchar(5)   not null,
    booked_at      timestamptz  not null,
    boarded_at     timestamptz,
    handed_over_at timestamptz,
    received_by    varchar(200),
    struck_at      timestamptz,
    reason_struck  varchar(60)  check (reason_struck ~ '^[A-Z][A-Z0-9_]*$'),
    constraint manifest_entry_struck_with_reason check ((struck_at is null) = (reason_struck is null)),
    constraint manifest_entry_handover_after_boarding check (handed_over_at is null or boarded_at is not null),
    constraint manifest_entry_handover_names_receiver check ((handed_over_at is null) = (received_by is null))
);

create unique index manifest_entry_one_active_seat_per_case on manifest_entry (case_id) where struck_at is null;
create unique index manifest_entry_one_case_per_seat on manifest_entry (flight_id, seat_number) where struck_at is null;
create index manifest_entry_flight on manifest_entry (flight_id, booked_at);
