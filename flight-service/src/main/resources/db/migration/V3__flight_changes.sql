-- Flight changes an agency makes on an ordinary day (issue 17): a flight is rescheduled, a person
-- is offloaded, or moved to another flight. Nothing is ever deleted: the flight keeps the
-- departure first planned and the latest change, and a struck entry keeps the agency's own reason
-- code beside the reason flight records (OFFLOADED, MOVED), and where a moved case went.

alter table flight
    add column original_departure_at timestamptz,
    add column rescheduled_at        timestamptz,
    add column reschedule_reason     varchar(60) check (reschedule_reason ~ '^[A-Z][A-Z0-9_]*$'),
    add column reschedule_note       varchar(1000);

update flight set original_departure_at = departure_at;

alter table flight
    alter column original_departure_at set not null,
    add constraint flight_reschedule_has_reason check ((rescheduled_at is null) = (reschedule_reason is null));

alter table manifest_entry
    -- the agency's reason code for an offload or a move (e.g. MEDICAL_UNFIT, LOAD_BALANCING); never published
    add column agency_reason      varchar(60) check (agency_reason ~ '^[A-Z][A-Z0-9_]*$'),
    -- where a case struck as MOVED holds its seat now
    add column moved_to_flight_id uuid references flight (id),
    -- the destination rules' cap the case was booked under (BookSeat.maxPerFlight); a move keeps to it
    add column max_per_flight     integer check (max_per_flight > 0),
    add constraint manifest_entry_agency_reason_when_struck check (agency_reason is null or struck_at is not null),
    add constraint manifest_entry_offload_and_move_have_agency_reason
        check (reason_struck is null or reason_struck not in ('OFFLOADED', 'MOVED') or agency_reason is not null),
    add constraint manifest_entry_moved_names_flight
        check ((moved_to_flight_id is not null) = (coalesce(reason_struck, '') = 'MOVED'));
