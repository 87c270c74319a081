-- Housekeeping deletes the ids older than the processed-message retention; this finds them.
create index processed_message_processed_at on processed_message (processed_at);
