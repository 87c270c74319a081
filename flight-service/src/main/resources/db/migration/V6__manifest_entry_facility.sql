-- The facility holding the person when the case asked for the seat (BookSeat.facilityCode), so that a
-- facility-scoped client sees and acts on its own facilities' passengers only. Null for entries from
-- before, or when the case did not know it: then only an agency-wide client reaches them.
alter table manifest_entry add column facility_code varchar(20);
