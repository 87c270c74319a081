-- Transit authorisations at stopovers (issue 18, item 4). A charter that stops in a third state needs
-- that state's authorisation to carry the people on board through its airport; the state may refuse
-- some nationalities in transit.
--   * stopover: the authorisation recorded for it (reference, the granting authority, the refused
--     nationalities, when and by whom); recorded once, then never changed. The manifest is locked
--     only when every stopover has one.
--   * flight.transit_refused: every nationality a stopover of the flight refuses, kept on the flight
--     row itself, so that the booking's conditional UPDATE of that row re-checks it after waiting for
--     a concurrent authorisation: a booking never seats a refused nationality, however they interleave.
--   * manifest_entry.nationality: the person's nationality from BookSeat, when the workflow sends it.
-- Nationality lists are ISO 3166-1 alpha-3 codes joined by commas, sorted ('' for none).

alter table stopover
    add column transit_reference     varchar(100),
    add column transit_granted_by    varchar(200),
    add column transit_refused       varchar(1000) check (transit_refused ~ '^([A-Z]{3}(,[A-Z]{3})*)?$'),
    add column transit_authorised_at timestamptz,
    add column transit_authorised_by varchar(200),
    add constraint stopover_transit_authorisation_whole check (
        (transit_reference is null and transit_granted_by is null and transit_refused is null
            and transit_authorised_at is null and transit_authorised_by is null)
        or (transit_reference is not null and length(trim(transit_reference)) > 0
            and transit_granted_by is not null and length(trim(transit_granted_by)) > 0
            and transit_refused is not null and transit_authorised_at is not null
            and transit_authorised_by is not null));

alter table flight
    add column transit_refused varchar(1000) not null default ''
        check (transit_refused ~ '^([A-Z]{3}(,[A-Z]{3})*)?$');

alter table manifest_entry
    add column nationality varchar(3) check (nationality ~ '^[A-Z]{3}$');
