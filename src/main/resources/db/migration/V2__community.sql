-- Communities of practice and their members. The communities feature grows these tables.
create table community (
    id            uuid primary key,
    name          varchar(200) not null,
    theme         varchar(500),
    charter       varchar(20000),
    open_to_all   boolean      not null default false,
    created_at    timestamp(6) with time zone not null,
    version       bigint       not null default 0,
    constraint community_name_unique unique (name)
);

create table community_member (
    community_id  uuid         not null references community (id),
    user_id       varchar(64)  not null,
    role          varchar(20)  not null,
    joined_at     timestamp(6) with time zone not null,
    primary key (community_id, user_id),
    constraint community_member_role_check check (role in ('MEMBER', 'FACILITATOR', 'EXPERT', 'SPONSOR'))
);

create index community_member_user_idx on community_member (user_id);
