-- Cohorte's schema at its first release: V1 to V76 of the development history squashed into one baseline
-- (the vendor-specific search columns and indexes follow in db/vendor/<vendor>/V2__baseline_search.sql).
-- A database made by the earlier migrations is refused at start-up (FlywayBaselineGuard): start from an empty one.
-- Each part keeps its original comment; the file names they came from are given as headings.

-- ==== V1__identity
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

-- ==== V2__community
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

-- ==== V3__notification
-- In-app notifications. The message is an i18n key and its arguments, rendered in the recipient's
-- language when shown.
create table notification (
    id           uuid primary key,
    recipient    varchar(64)   not null,
    message_key  varchar(200)  not null,
    args         varchar(4000) not null default '[]',
    link         varchar(500),
    created_at   timestamp(6) with time zone not null,
    read_at      timestamp(6) with time zone
);

create index notification_recipient_idx on notification (recipient, created_at);

-- ==== V4__knowledge
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

-- ==== V5__api_token
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

-- ==== V6__rate_limit
-- Per-person rate limits on creations (questions, posts, board entries, uploads): one row per creation, counted
-- over the last minute and the last day. In the database so that every node of a cluster counts the same.
create table rate_limit_hit (
    user_id varchar(64) not null,
    action  varchar(40) not null,
    at      timestamp(6) with time zone not null
);

create index rate_limit_hit_user_action_idx on rate_limit_hit (user_id, action, at);

-- ==== V8__sign_in_lock
-- Failed sign-ins per account and the temporary lock they lead to (SignInThrottle). In the database, not in a
-- node's memory: every node of a cluster counts the same failures and honours the same lock.
create table sign_in_lock (
    user_id          varchar(64) primary key,
    failures         integer not null default 0,
    locked_until     timestamp(6) with time zone,
    last_failure_at  timestamp(6) with time zone
);

-- ==== V10__community_questions
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

-- ==== V20__codevelopment
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

-- ==== V30__blocker
-- Blockers ("obstacles"), one model for incubator check-ins and performance reviews alike.
create table blocker (
    id              uuid primary key,
    source_type     varchar(30)   not null,
    source_id       varchar(64)   not null,
    organization_id uuid,
    title           varchar(300)  not null,
    description     varchar(10000) not null,
    declared_by     varchar(64)   not null,
    declared_at     timestamp(6) with time zone not null,
    status          varchar(20)   not null,
    assignee        varchar(64),
    resolution      varchar(10000),
    resolved_at     timestamp(6) with time zone,
    escalated_at    timestamp(6) with time zone,
    version         bigint        not null default 0,
    constraint blocker_source_check check (source_type in ('EXPERIMENT', 'INDICATOR')),
    constraint blocker_status_check check (status in ('OPEN', 'ASSIGNED', 'RESOLVED', 'ESCALATED'))
);

create index blocker_status_idx on blocker (status, declared_at);
create index blocker_source_idx on blocker (source_type, source_id);

-- ==== V31__incubator
-- Incubator experiments: proposal, iterations (test card and learning card), weekly check-ins, decisions.
create table experiment (
    id                  uuid primary key,
    title               varchar(200)  not null,
    organization_id     uuid          not null,
    proposer_id         varchar(64)   not null,
    sponsor_id          varchar(64)   not null,
    problem             varchar(4000) not null,
    hypothesis          varchar(4000),
    metric              varchar(200),
    metric_unit         varchar(50),
    threshold           double precision,
    higher_is_better    boolean       not null,
    duration_weeks      integer       not null,
    budget              double precision not null,
    resources           varchar(4000),
    stage               varchar(30)   not null,
    published           boolean       not null,
    review_comment      varchar(4000),
    first_approver      varchar(64),
    run_started_at      timestamp(6) with time zone,
    run_ends_at         timestamp(6) with time zone,
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null,
    version             bigint        not null default 0,
    constraint experiment_stage_check check (stage in ('IN_REVIEW', 'CHANGES_REQUESTED', 'SECOND_REVIEW', 'TEST_CARD',
        'RUNNING', 'LEARNING', 'DECISION', 'SCALED', 'STOPPED', 'REJECTED'))
);
create index experiment_org_idx on experiment (organization_id, stage);

create table experiment_team (
    experiment_id uuid        not null references experiment (id),
    user_id       varchar(64) not null,
    primary key (experiment_id, user_id)
);
create index experiment_team_user_idx on experiment_team (user_id);

create table experiment_iteration (
    id                   uuid primary key,
    experiment_id        uuid          not null references experiment (id),
    iteration_no         integer       not null,
    we_believe           varchar(4000) not null,
    we_will              varchar(4000) not null,
    we_measure           varchar(4000) not null,
    we_are_right_if      varchar(4000) not null,
    started_at           timestamp(6) with time zone not null,
    observed_value       double precision,
    insights             varchar(4000),
    actions              varchar(4000),
    learning_at          timestamp(6) with time zone,
    suggestion           varchar(20),
    knowledge_article_id uuid,
    constraint experiment_iteration_number_uk unique (experiment_id, iteration_no)
);

create table experiment_check_in (
    id            uuid primary key,
    experiment_id uuid          not null references experiment (id),
    iteration_no  integer       not null,
    week_no       integer       not null,
    observations  varchar(4000) not null,
    metric_value  double precision,
    blocker_id    uuid,
    author        varchar(64)   not null,
    recorded_at   timestamp(6) with time zone not null
);
create index experiment_check_in_idx on experiment_check_in (experiment_id, recorded_at);

create table experiment_decision (
    id            uuid primary key,
    experiment_id uuid          not null references experiment (id),
    iteration_no  integer,
    kind          varchar(30)   not null,
    suggestion    varchar(20),
    comment       varchar(4000),
    decided_by    varchar(64)   not null,
    decided_at    timestamp(6) with time zone not null
);
create index experiment_decision_idx on experiment_decision (experiment_id, decided_at);

-- ==== V40__performance
-- GAR performance: objectives and indicators per organization, reviews per organization and period,
-- one measurement per indicator and period.
create table perf_objective (
    id              uuid primary key,
    organization_id uuid          not null references organization (id),
    title           varchar(300)  not null,
    description     varchar(4000),
    created_at      timestamp(6) with time zone not null,
    version         bigint        not null default 0
);
create index perf_objective_org_idx on perf_objective (organization_id);

create table perf_indicator (
    id                   uuid primary key,
    objective_id         uuid          not null references perf_objective (id),
    organization_id      uuid          not null references organization (id),
    name                 varchar(300)  not null,
    unit                 varchar(40)   not null,
    baseline_value       double precision not null,
    baseline_date        date          not null,
    target_value         double precision not null,
    target_date          date          not null,
    direction            varchar(10)   not null,
    frequency            varchar(12)   not null,
    owner_id             varchar(64)   not null,
    validator_id         varchar(64)   not null,
    draft                boolean       not null default false,
    source_experiment_id uuid,
    created_at           timestamp(6) with time zone not null,
    version              bigint        not null default 0,
    constraint perf_indicator_direction_check check (direction in ('HIGHER', 'LOWER')),
    constraint perf_indicator_frequency_check check (frequency in ('MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL'))
);
create index perf_indicator_org_idx on perf_indicator (organization_id);
create index perf_indicator_objective_idx on perf_indicator (objective_id);

create table perf_review (
    id                  uuid primary key,
    organization_id     uuid          not null references organization (id),
    period              varchar(10)   not null,
    period_end          date          not null,
    status              varchar(20)   not null,
    started_by          varchar(64)   not null,
    started_at          timestamp(6) with time zone not null,
    signed_off_by       varchar(64),
    signed_off_at       timestamp(6) with time zone,
    sign_off_comment    varchar(4000),
    published_at        timestamp(6) with time zone,
    process_instance_id varchar(64),
    version             bigint        not null default 0,
    constraint perf_review_status_check check (status in ('IN_PROGRESS', 'SIGNED_OFF', 'PUBLISHED')),
    constraint perf_review_unique unique (organization_id, period)
);

create table perf_measurement (
    id               uuid primary key,
    indicator_id     uuid          not null references perf_indicator (id),
    review_id        uuid          references perf_review (id),
    period           varchar(10)   not null,
    period_end       date          not null,
    measured_value   double precision,
    comment          varchar(4000),
    evidence_url     varchar(1000),
    state            varchar(20)   not null,
    status           varchar(12),
    progress         double precision,
    action_plan      varchar(4000),
    send_back_reason varchar(2000),
    entered_by       varchar(64),
    entered_at       timestamp(6) with time zone,
    validated_by     varchar(64),
    validated_at     timestamp(6) with time zone,
    version          bigint        not null default 0,
    constraint perf_measurement_state_check check (state in ('PENDING', 'SUBMITTED', 'SENT_BACK', 'ACCEPTED')),
    constraint perf_measurement_status_check check (status is null or status in ('ON_TRACK', 'AT_RISK', 'OFF_TRACK')),
    constraint perf_measurement_unique unique (indicator_id, period)
);
create index perf_measurement_review_idx on perf_measurement (review_id);

-- ==== V73__api_idempotency_key
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

-- ==== V74__search_recency_indexes
-- Search lists matches newest first, 40 at most. For a common word (one question in ten) PostgreSQL read every
-- match's row from the full-text index to sort them (5 000 pages for 6 500 matches, 25 ms); with these indexes it
-- walks the newest questions and articles and stops at the 40th match (3 ms). Rare words still use the full-text index.
create index community_question_asked_idx on community_question (asked_at);
create index knowledge_article_updated_idx on knowledge_article (updated_at);

-- ==== V75__api_idempotency_request
-- An Idempotency-Key answers for one request only: the hash of the first request's body is kept, so that the
-- same key sent with another body is refused (422) instead of replaying an answer to a different question.
alter table api_idempotency_key add column request_hash varchar(64);

-- ==== V76__outbox_and_time_zones
-- Outward messages (e-mail) written in the business transaction and sent after commit by OutboxSender, on any node.
-- A row is due when sent_at is null and next_attempt_at has passed; a sender claims it by pushing next_attempt_at
-- one lease ahead, so a node that dies mid-send leaves it due again after the lease (at-least-once delivery).
create table outbox_message (
    id              uuid primary key,
    kind            varchar(30)   not null,
    recipient       varchar(64),
    to_address      varchar(320)  not null,
    subject         varchar(300)  not null,
    body            varchar(20000) not null,
    created_at      timestamp(6) with time zone not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamp(6) with time zone not null,
    sent_at         timestamp(6) with time zone,
    last_error      varchar(1000)
);
create index outbox_message_due_idx on outbox_message (sent_at, next_attempt_at);
create index outbox_message_recipient_idx on outbox_message (recipient, created_at);

-- One digest per member and local day, whichever node composes it: a second insert loses on the primary key.
create table digest_run (
    recipient  varchar(64) not null,
    local_date date        not null,
    created_at timestamp(6) with time zone not null,
    primary key (recipient, local_date)
);

-- Digests go out at 07:00 in the member's zone: their own choice, else their organization's.
alter table organization add column time_zone varchar(64) not null default 'America/Montreal';
alter table member_profile add column time_zone varchar(64);
