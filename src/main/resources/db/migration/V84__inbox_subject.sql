-- What each open task is about, one row per task, so that the inbox sorts and filters by subject through an index
-- instead of joining every process's records to all of a person's tasks (1.4 s at 70 000 tasks). Kept by
-- tasks.service.TaskSubjectIndex: written with the task in the engine's transaction, removed when it ends, and
-- refreshed when a record's title changes. No foreign key to the engine's task table: the engine deletes tasks
-- itself and owns its schema; tasks missing a row (or rows left without a task) are repaired at start-up.
create table inbox_subject (
    task_id      varchar(64)   not null primary key,
    process_key  varchar(255),
    business_key varchar(255),
    -- the task's part of the record when one instance has tasks about different things (a review's indicator)
    branch       varchar(255),
    -- lower-case subject, or the task's name when its process names none: what "sort by subject" orders by
    sort_key     varchar(1000) not null,
    -- the same without accents: what the subject filter matches ("reunion" finds "Réunion")
    search_key   varchar(1000) not null
);
create index inbox_subject_sort on inbox_subject (sort_key, task_id);
create index inbox_subject_record on inbox_subject (process_key, business_key);
-- true while the subject is to be read again after commit (the record was written or renamed in the task's own
-- transaction); what a crash leaves true is read again at start-up
alter table inbox_subject add column pending boolean default false not null;
