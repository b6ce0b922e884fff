-- Per-person rate limits on creations (questions, posts, board entries, uploads): one row per creation, counted
-- over the last minute and the last day. In the database so that every node of a cluster counts the same.
create table rate_limit_hit (
    user_id varchar(64) not null,
    action  varchar(40) not null,
    at      timestamp(6) with time zone not null
);

create index rate_limit_hit_user_action_idx on rate_limit_hit (user_id, action, at);
