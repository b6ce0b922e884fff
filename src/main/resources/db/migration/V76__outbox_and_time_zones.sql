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
