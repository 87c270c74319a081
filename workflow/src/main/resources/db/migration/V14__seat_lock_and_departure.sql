-- The seat knows whether its manifest was locked (ManifestLocked for that flight): a case notified
-- again after a reschedule of a locked flight goes straight to the final check, since no second
-- ManifestLocked will come.
alter table case_seat add column manifest_locked_at timestamptz;
