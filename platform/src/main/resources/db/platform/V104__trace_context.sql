-- One case, one trace (MessageTracing). An outbox row keeps the W3C trace context of the work that
-- wrote it; the relay sends the row in a span under it and puts that span's context on the record
-- (CloudEvents extension traceparent / tracestate). Null where the row was written without tracing.
alter table outbox_message
    add column traceparent varchar(55),
    add column tracestate  varchar(512);

-- The trace of each case this service has seen, and this service's newest span in it: work that has
-- no trace of its own (an engine job, a background sender) or another one (an officer's request)
-- continues the case's trace from here. Rows of cases quiet for longer than
-- returnflow.observability.case-trace-retention are pruned by the messaging housekeeping.
create table case_trace (
    case_id     uuid         primary key,
    trace_id    varchar(32)  not null,
    traceparent varchar(55)  not null,
    tracestate  varchar(512),
    updated_at  timestamptz  not null default now()
);

create index case_trace_by_age on case_trace (updated_at);
