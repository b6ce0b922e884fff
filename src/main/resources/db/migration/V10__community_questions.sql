-- Communities of practice: sponsor and promise durations, duty roster, questions with their answers and
-- followers, calendar activities, member calendar tokens and e-mail preferences, the e-mail digest queue.
alter table community add column sponsor_id varchar(64);
alter table community add column answer_hours integer not null default 24;
alter table community add column reminder_hours integer not null default 20;

alter table community_member add column feed_token varchar(64);
alter table community_member add column email_digest boolean not null default false;
create unique index community_member_feed_token_idx on community_member (feed_token);

create table community_duty (
    community_id uuid        not null references community (id),
    week_start   date        not null,
    expert_id    varchar(64) not null,
    primary key (community_id, week_start)
);

create table community_question (
    id              uuid primary key,
    community_id    uuid          not null references community (id),
    title           varchar(300)  not null,
    body            varchar(20000) not null,
    tags            varchar(1000) not null default '',
    asked_by        varchar(64)   not null,
    asked_at        timestamp(6) with time zone not null,
    due_at          timestamp(6) with time zone not null,
    status          varchar(20)   not null,
    triage          varchar(20),
    assignee        varchar(64),
    article_id      uuid,
    merged_into     uuid,
    first_answer_at timestamp(6) with time zone,
    breached        boolean       not null default false,
    escalated_at    timestamp(6) with time zone,
    closed_at       timestamp(6) with time zone,
    view_count      bigint        not null default 0,
    search_text     varchar(22000) not null,
    version         bigint        not null default 0
);
create index community_question_community_idx on community_question (community_id, asked_at);
create index community_question_open_idx on community_question (status, due_at);

create table community_post (
    id           uuid primary key,
    question_id  uuid          not null references community_question (id),
    kind         varchar(20)   not null,
    author       varchar(64)   not null,
    body         varchar(20000) not null,
    created_at   timestamp(6) with time zone not null,
    validated_by varchar(64),
    validated_at timestamp(6) with time zone
);
create index community_post_question_idx on community_post (question_id, created_at);

create table community_question_follower (
    question_id uuid        not null references community_question (id),
    user_id     varchar(64) not null,
    primary key (question_id, user_id)
);

create table community_activity (
    id           uuid primary key,
    community_id uuid         not null references community (id),
    title        varchar(300) not null,
    kind         varchar(40)  not null,
    starts_at    timestamp(6) with time zone not null,
    ends_at      timestamp(6) with time zone not null,
    source_type  varchar(40),
    source_id    uuid,
    cancelled    boolean      not null default false,
    version      bigint       not null default 0
);
create index community_activity_community_idx on community_activity (community_id, starts_at);
create unique index community_activity_source_idx on community_activity (source_type, source_id);

create table community_mail (
    id         uuid primary key,
    recipient  varchar(64)   not null,
    subject    varchar(300)  not null,
    body       varchar(4000) not null,
    created_at timestamp(6) with time zone not null,
    sent_at    timestamp(6) with time zone
);
create index community_mail_pending_idx on community_mail (sent_at, recipient);

-- Accent- and case-free text of each article, kept by the application, for search.
alter table knowledge_article add column search_text varchar(101000) not null default '';
