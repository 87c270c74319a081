-- The facility holding the person when the case asked (RequestConsent.facilityCode), so that a
-- facility-scoped client reads and decides the consent of its own facilities' people only. Null for
-- requests from before, or when the case did not know it: then only an agency-wide client reaches them.
alter table consent_request add column facility_code varchar(20);
create index consent_request_facility on consent_request (facility_code);
