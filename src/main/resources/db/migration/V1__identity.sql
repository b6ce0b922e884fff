-- Organizations and member profiles. Users and groups themselves live in Camunda's identity tables
-- (ACT_ID_*); a profile is keyed by the Camunda user id.
create table organization (
    id            uuid primary key,
    name          varchar(200) not null,
    acronym       varchar(30),
    type          varchar(20)  not null,
    created_at    timestamp(6) with time zone not null,
    version       bigint       not null default 0,
    constraint organization_type_check check (type in ('MINISTRY', 'AGENCY', 'COMPANY')),
    constraint organization_name_unique unique (name)
);

create table member_profile (
    user_id          varchar(64)  primary key,
    display_name     varchar(200) not null,
    organization_id  uuid references organization (id),
    language         varchar(5)   not null default 'fr',
    created_at       timestamp(6) with time zone not null,
    version          bigint       not null default 0,
    constraint member_profile_language_check check (language in ('fr', 'en'))
);

create index member_profile_organization_idx on member_profile (organization_id);
