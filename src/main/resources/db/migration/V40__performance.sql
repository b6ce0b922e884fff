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
