-- Each answer about a notice (NotificationDelivered, NotificationFailed) carries the CloudEvents id
-- of the newest SendNotification for it, so the workflow matches it to the wait that asked, and
-- an answer for an older request (the old flight's notice after a rebooking) changes nothing.
alter table notification add column answers_request uuid;
