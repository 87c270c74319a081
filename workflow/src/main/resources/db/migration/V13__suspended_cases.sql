-- An agency may put a case on hold (SUSPENDED): it holds no seat and is booked nowhere until resumed.
alter table removal_case drop constraint removal_case_state;
alter table removal_case add constraint removal_case_state check (state in ('OPEN', 'ELIGIBILITY_CHECK', 'LEGAL_REVIEW',
    'AWAITING_CONSENT', 'AWAITING_SEAT', 'BOOKED', 'NOTIFIED', 'BOARDED', 'REMOVED', 'WITHDRAWN', 'SUSPENDED'));
