-- Finding cases and reporting on operations (issue 17, items 4 and 6).
--
-- The facility that holds the person, as detention last described it (DetaineeDescribed's
-- facilityCode), so that cases can be listed by facility and a facility-scoped client sees only the
-- cases of its facilities. CaseRecords.facilityDescribed writes it, called by the process when it
-- takes a DetaineeDescribed (and again when a transfer reaches the case). Null while the workflow has
-- not been told.
alter table removal_case add column facility_code varchar(20);

-- Cases recorded before this column: the facility their history's newest DetaineeDescribed line names
-- ("..., facility LA-ASF, ..."); cases whose person was never described stay null.
update removal_case c set facility_code = described.facility
from (select distinct on (h.case_id) h.case_id, substring(h.detail from 'facility ([A-Za-z0-9_.-]{1,20})') as facility
      from case_history h where h.kind = 'DETAINEE_DESCRIBED' order by h.case_id, h.id desc) described
where described.case_id = c.case_id and described.facility is not null;

-- GET /api/removal-cases filters, newest first.
create index removal_case_newest on removal_case (created_at desc, case_id);
create index removal_case_by_facility on removal_case (facility_code, created_at desc);
create index removal_case_by_flight on removal_case (flight_id, created_at desc) where flight_id is not null;
-- An open blocker of a code: GET /api/removal-cases?blocker=
create index case_blocker_open_by_code on case_blocker (code, case_id) where cleared_at is null;

-- GET /api/removal-operations, newest first; the report reads every blocker of a case, cleared or not.
create index removal_operation_newest on removal_operation (created_at desc, id);
create index case_blocker_by_case on case_blocker (case_id, id);
