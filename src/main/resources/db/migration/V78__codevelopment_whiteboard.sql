-- The live board as a shared whiteboard: the session's video call link (set at launch, editable by the facilitator)
-- and free-form notes per step, written by the facilitator and read live by the group.
alter table codev_session add column video_url varchar(500);

-- One text per session and step; version: optimistic lock, so two saves from the same old text do not silently
-- overwrite each other (the second is refused and keeps its text). Notes are the case's: same readers.
create table codev_step_note (
    session_id  uuid          not null references codev_session (id),
    step        integer       not null,
    body        varchar(10000),
    updated_by  varchar(64)   not null,
    updated_at  timestamp(6) with time zone not null,
    version     bigint        not null default 0,
    primary key (session_id, step),
    constraint codev_step_note_step_check check (step between 1 and 6)
);
