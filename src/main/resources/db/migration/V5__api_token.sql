-- Personal access tokens: the one credential of the work API (and, for administrators, of the engine's REST
-- API). Only a SHA-256 hash of each token is kept; the token itself is shown once, when it is made.
create table api_token (
    id           uuid         primary key,
    user_id      varchar(64)  not null,
    label        varchar(100) not null,
    token_hash   varchar(64)  not null,
    created_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone not null,
    last_used_at timestamp(6) with time zone,
    revoked_at   timestamp(6) with time zone,
    constraint api_token_hash_unique unique (token_hash)
);

create index api_token_user_idx on api_token (user_id);
