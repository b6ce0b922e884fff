-- The REST API's Idempotency-Key: written in the same transaction as what the call creates, so a retried
-- creation finds the first result instead of creating a duplicate (the primary key forbids two).
create table api_idempotency_key (
    user_id    varchar(64)  not null,
    idem_key   varchar(200) not null,
    endpoint   varchar(100) not null,
    result_id  varchar(64)  not null,
    created_at timestamp    not null,
    primary key (user_id, idem_key)
);
