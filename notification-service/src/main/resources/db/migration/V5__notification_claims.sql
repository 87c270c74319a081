-- The sender claims a notice before it talks to the mail server: SENDING, with a claim token and
-- time, committed on its own. It sends outside any transaction and records the outcome (DELIVERED,
-- FAILED, or back to PENDING) in a short transaction of its own, which only the same claim may do.
-- A notice left SENDING past the claim grace (its sender died) is taken over and sent again with
-- the same Message-ID; resends counts those takeovers.
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED'));

alter table notification
    add column claim_token uuid,
    add column claimed_at  timestamptz,
    add column resends     integer not null default 0;

alter table notification add constraint notification_sending_is_claimed
    check (status <> 'SENDING' or (claim_token is not null and claimed_at is not null and address is not null));

create index notification_sending on notification (claimed_at) where status = 'SENDING';
