-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

-- One backup run, scheduled or on demand; counters are final once state is not 'running'.
create table backup_run (
    id                  varchar(40)  not null primary key,
    trigger_kind        varchar(16)  not null,
    triggered_by        varchar(64)  not null,
    state               varchar(16)  not null,
    started_at          timestamp with time zone not null,
    finished_at         timestamp with time zone,
    planned             integer      not null,
    documents           integer      not null,
    adopted             integer      not null,
    failed              integer      not null,
    bytes               bigint       not null,
    manifest_key        varchar(200),
    manifest_sha256     char(64),
    error               varchar(4000)
);
create index backup_run_started_idx on backup_run (started_at);

-- The journal segment bytes last uploaded, so a run ships only segments that grew.
create table backup_journal_segment (
    name            varchar(100) not null primary key,
    size_bytes      bigint       not null,
    sha256          char(64)     not null,
    version_id      varchar(1024) not null,
    uploaded_at     timestamp with time zone not null
);

-- The run whose manifest lists the document's confirmed S3 version (null: not in a manifest yet).
alter table document add column backup_manifest_run varchar(40);
create index document_backup_state_idx on document (backup_state, uploaded_at);
