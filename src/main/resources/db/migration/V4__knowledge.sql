-- The community knowledge base: articles with their full version history.
create table knowledge_article (
    id           uuid primary key,
    community_id uuid          not null references community (id),
    title        varchar(300)  not null,
    body         varchar(100000) not null,
    tags         varchar(1000) not null default '',
    source_type  varchar(30),
    source_id    varchar(64),
    created_by   varchar(64)   not null,
    created_at   timestamp(6) with time zone not null,
    updated_by   varchar(64)   not null,
    updated_at   timestamp(6) with time zone not null,
    view_count   bigint        not null default 0,
    version      bigint        not null default 0
);

create index knowledge_article_community_idx on knowledge_article (community_id, updated_at);
create index knowledge_article_source_idx on knowledge_article (source_type, source_id);

create table knowledge_article_version (
    id             uuid primary key,
    article_id     uuid          not null references knowledge_article (id),
    version_number integer       not null,
    title          varchar(300)  not null,
    body           varchar(100000) not null,
    tags           varchar(1000) not null default '',
    edited_by      varchar(64)   not null,
    edited_at      timestamp(6) with time zone not null,
    change_note    varchar(500),
    constraint knowledge_article_version_unique unique (article_id, version_number)
);
