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
