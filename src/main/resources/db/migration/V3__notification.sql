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
