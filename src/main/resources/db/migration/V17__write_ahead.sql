-- Changes written ahead (dev.strongroom.writeahead). One row per change whose catalog part committed,
-- written in that change's own transaction and named by its intent event's id: the start-up replay
-- finishes an unfinished change that has a row and rolls back one that has none.
create table applied_change (
    intent_id       varchar(36)  not null primary key,
    intent_seq      bigint       not null,
    action          varchar(64)  not null,
    subject         varchar(300) not null,
    committed_at    timestamp with time zone not null
);

-- A role change that grants admin, waiting for a second admin (dev.strongroom.security.RoleChangeRequest).
create table role_change_request (
    id              varchar(36)  not null primary key,
    username        varchar(64)  not null,
    roles           varchar(200) not null,
    requested_by    varchar(64)  not null,
    requested_at    timestamp with time zone not null
);
create unique index role_change_request_user_idx on role_change_request (username);
