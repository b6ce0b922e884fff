-- Who removed (pseudonymised) which former member, when: the pseudonym only, never the name it replaced.
create table privacy_audit (
    id         uuid primary key,
    action     varchar(30)  not null,
    subject    varchar(64)  not null,
    actor      varchar(64)  not null,
    at         timestamp(6) with time zone not null
);
create index privacy_audit_at_idx on privacy_audit (at);
