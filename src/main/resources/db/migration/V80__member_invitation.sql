-- A facilitator invites someone who has no account yet; an administrator approves (the account is made, the person
-- joins the community and, if named, the codevelopment group, and gets a welcome e-mail) or refuses.
-- The welcome link's token is stored as its SHA-256 only, and works once, before it expires.
create table member_invitation (
    id               uuid primary key,
    first_name       varchar(100) not null,
    last_name        varchar(100) not null,
    email            varchar(320) not null,
    organization_id  uuid,
    community_id     uuid         not null,
    codev_group_id   uuid,
    -- The community (and group) by name when invited, for the administrators' list and the e-mails.
    place            varchar(420) not null,
    invited_by       varchar(64)  not null,
    created_at       timestamp(6) with time zone not null,
    status           varchar(20)  not null,
    decided_by       varchar(64),
    decided_at       timestamp(6) with time zone,
    user_id          varchar(64),
    token_hash       varchar(64),
    token_expires_at timestamp(6) with time zone
);
create index member_invitation_status_idx on member_invitation (status, created_at);
create unique index member_invitation_token_idx on member_invitation (token_hash);
