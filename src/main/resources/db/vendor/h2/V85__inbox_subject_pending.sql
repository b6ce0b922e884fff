-- The rows whose subject is read after commit (PostgreSQL: a partial index; H2 has none, the demo database is small).
create index inbox_subject_pending on inbox_subject (pending);
