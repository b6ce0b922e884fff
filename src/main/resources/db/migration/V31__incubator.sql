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
