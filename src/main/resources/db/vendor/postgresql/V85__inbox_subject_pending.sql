-- The rows whose subject is read after commit: a handful among every open task, found without reading them all
-- (a question asked or a session launched does it once, at 100 000 open tasks).
create index inbox_subject_pending on inbox_subject (task_id) where pending;
