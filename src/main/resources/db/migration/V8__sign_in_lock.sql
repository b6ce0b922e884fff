-- Failed sign-ins per account and the temporary lock they lead to (SignInThrottle). In the database, not in a
-- node's memory: every node of a cluster counts the same failures and honours the same lock.
create table sign_in_lock (
    user_id          varchar(64) primary key,
    failures         integer not null default 0,
    locked_until     timestamp(6) with time zone,
    last_failure_at  timestamp(6) with time zone
);
