-- Every answer about a request (ConsentRequested, ConsentGiven, ConsentDeclined, ConsentExpired,
-- ConsentWithdrawn) carries the CloudEvents id of the RequestConsent it answers, so the workflow
-- can match it to the wait that asked. A case that asks again while its request is open (after a
-- cancelled flight, say) gets the open request's answer under its newest request id.
alter table consent_request add column answers_request varchar(200);
update consent_request set answers_request = command_id;
alter table consent_request alter column answers_request set not null;
