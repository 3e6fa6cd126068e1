-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

create table vault_user (
    username        varchar(64)  not null primary key,
    password_hash   varchar(100) not null,
    roles           varchar(200) not null,
    created_at      timestamp with time zone not null,
    created_by      varchar(64)  not null
);

create table document (
    id                  varchar(36)  not null primary key,
    owner               varchar(64)  not null,
    file_name           varchar(255) not null,
    original_file_name  varchar(4000) not null,
    content_type        varchar(200) not null,
    size_bytes          bigint       not null,
    sha256              char(64)     not null,
    retention_class     varchar(64)  not null,
    retain_until        timestamp with time zone not null,
    legal_hold          boolean      not null,
    description         varchar(2000),
    uploaded_at         timestamp with time zone not null,
    backup_state        varchar(32)  not null,
    backup_version_id   varchar(1024),
    backed_up_at        timestamp with time zone,
    metadata_state      varchar(32)  not null,
    metadata_json       varchar
);
create index document_owner_idx on document (owner, uploaded_at);
create index document_uploaded_idx on document (uploaded_at);
create index document_sha256_idx on document (sha256);

create table document_tag (
    document_id varchar(36)  not null references document (id) on delete cascade,
    tag         varchar(64)  not null,
    primary key (document_id, tag)
);

create table audit_event (
    seq          bigint       not null primary key,
    event_id     varchar(36)  not null,
    event_time   timestamp with time zone not null,
    actor        varchar(64),
    role         varchar(200),
    action       varchar(64)  not null,
    resource     varchar(300),
    document_id  varchar(36),
    outcome      varchar(16)  not null,
    client       varchar(64),
    request_id   varchar(64),
    line         varchar      not null
);
create index audit_event_time_idx on audit_event (event_time);
create index audit_event_actor_idx on audit_event (actor, seq);
create index audit_event_document_idx on audit_event (document_id, seq);
create index audit_event_action_idx on audit_event (action, seq);

create table disposal_request (
    id              varchar(36)  not null primary key,
    document_id     varchar(36)  not null,
    requested_by    varchar(64)  not null,
    requested_at    timestamp with time zone not null,
    reason          varchar(2000) not null
);
create unique index disposal_request_document_idx on disposal_request (document_id);

create table tombstone (
    document_id     varchar(36)  not null primary key,
    sha256          char(64)     not null,
    file_name       varchar(255) not null,
    owner           varchar(64)  not null,
    size_bytes      bigint       not null,
    requested_by    varchar(64)  not null,
    approved_by     varchar(64)  not null,
    disposed_at     timestamp with time zone not null,
    reason          varchar(2000) not null,
    blob_removed    boolean      not null
);
