-- The facility holding the person when the case asked (SendNotification.facilityCode), so that a
-- facility-scoped client reads the notices of its own facilities' people only. Null for notices from
-- before, or when the case did not know it: then only an agency-wide client reaches them.
alter table notification add column facility_code varchar(20);
