-- An Idempotency-Key answers for one request only: the hash of the first request's body is kept, so that the
-- same key sent with another body is refused (422) instead of replaying an answer to a different question.
alter table api_idempotency_key add column request_hash varchar(64);
