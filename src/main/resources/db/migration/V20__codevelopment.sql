-- Codevelopment groups (4-8 peers and a facilitator), their sessions and what each session produces.
-- Case content lives here, never in process variables; the engine holds only the session id.
create table codev_group (
    id              uuid primary key,
    community_id    uuid          not null references community (id),
    name            varchar(200)  not null,
    charter         varchar(10000) not null,
    no_hierarchy    boolean       not null default false,
    facilitator_id  varchar(64)   not null,
    created_at      timestamp(6) with time zone not null,
    version         bigint        not null default 0
);
create index codev_group_facilitator_idx on codev_group (facilitator_id);

create table codev_group_member (
    group_id             uuid         not null references codev_group (id),
    user_id              varchar(64)  not null,
    joined_at            timestamp(6) with time zone not null,
    left_at              timestamp(6) with time zone,
    charter_accepted_at  timestamp(6) with time zone,
    primary key (group_id, user_id)
);
create index codev_group_member_user_idx on codev_group_member (user_id);

create table codev_session (
    id                    uuid primary key,
    group_id              uuid          not null references codev_group (id),
    client_id             varchar(64)   not null,
    facilitator_id        varchar(64)   not null,
    scheduled_at          timestamp(6) with time zone not null,
    mode                  varchar(10)   not null,
    status                varchar(20)   not null,
    current_step          integer       not null default 0,
    step_started_at       timestamp(6) with time zone,
    step_ends_at          timestamp(6) with time zone,
    timeboxes             varchar(100)  not null,
    follow_up_at          timestamp(6) with time zone not null,
    suggested_client_id   varchar(64),
    override_reason       varchar(1000),
    cancel_reason         varchar(1000),
    case_title            varchar(300),
    case_context          varchar(10000),
    case_tried            varchar(10000),
    case_stakes           varchar(10000),
    contract              varchar(2000),
    synthesis             varchar(10000),
    consent               boolean       not null default false,
    follow_up_report      varchar(10000),
    learning_note_id      uuid,
    created_at            timestamp(6) with time zone not null,
    closed_at             timestamp(6) with time zone,
    version               bigint        not null default 0,
    constraint codev_session_mode_check check (mode in ('LIVE', 'ASYNC')),
    constraint codev_session_status_check check (status in ('PREPARATION', 'RUNNING', 'FOLLOW_UP', 'CLOSED', 'CANCELLED'))
);
create index codev_session_group_idx on codev_session (group_id, scheduled_at);

create table codev_participant (
    session_id  uuid         not null references codev_session (id),
    user_id     varchar(64)  not null,
    role        varchar(20)  not null,
    present     boolean      not null default true,
    primary key (session_id, user_id),
    constraint codev_participant_role_check check (role in ('CLIENT', 'CONSULTANT'))
);

create table codev_entry (
    id          uuid primary key,
    session_id  uuid          not null references codev_session (id),
    kind        varchar(20)   not null,
    author_id   varchar(64)   not null,
    body        varchar(5000) not null,
    answer      varchar(5000),
    rating      integer,
    created_at  timestamp(6) with time zone not null,
    version     bigint        not null default 0,
    constraint codev_entry_kind_check check (kind in ('QUESTION', 'CONTRIBUTION', 'LEARNING'))
);
create index codev_entry_session_idx on codev_entry (session_id, created_at);

create table codev_action (
    id          uuid primary key,
    session_id  uuid          not null references codev_session (id),
    position    integer       not null,
    body        varchar(1000) not null,
    due_date    date          not null,
    outcome     varchar(2000)
);
create index codev_action_session_idx on codev_action (session_id, position);
