-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Restore drills and compliance reports (dev.strongroom.compliance); docs/compliance-report.md.

-- One restore drill: a sample of backed-up documents fetched from S3 and re-hashed against the catalog.
create table restore_drill (
    id                  varchar(40)   not null primary key,
    trigger_kind        varchar(16)   not null,
    triggered_by        varchar(64)   not null,
    state               varchar(16)   not null,
    started_at          timestamp with time zone not null,
    finished_at         timestamp with time zone,
    population          integer       not null,
    sample_size         integer       not null,
    passed              integer       not null,
    failed              integer       not null,
    bytes               bigint        not null,
    replica_bucket      varchar(255),
    replica_checked     boolean       not null,
    replica_note        varchar(2000),
    reconcile_id        varchar(64),
    reconcile_state     varchar(16),
    reconcile_summary   varchar(4000),
    error               varchar(4000)
);
create index restore_drill_started_idx on restore_drill (started_at);

-- One document version fetched by a drill from one bucket (primary or replica).
create table restore_drill_item (
    drill_id        varchar(40)   not null,
    document_id     varchar(36)   not null,
    bucket_role     varchar(16)   not null,
    version_id      varchar(1024),
    sha256          char(64)      not null,
    size_bytes      bigint        not null,
    uploaded_at     timestamp with time zone not null,
    outcome         varchar(8)    not null,
    reason          varchar(2000),
    duration_ms     bigint        not null,
    primary key (drill_id, document_id, bucket_role)
);

-- One compliance report; its files are under strongroom.compliance.reports-dir and reports/ in the bucket.
create table compliance_report (
    id                  varchar(40)   not null primary key,
    trigger_kind        varchar(16)   not null,
    triggered_by        varchar(64)   not null,
    state               varchar(16)   not null,
    started_at          timestamp with time zone not null,
    finished_at         timestamp with time zone,
    period_from         timestamp with time zone not null,
    period_to           timestamp with time zone not null,
    overall             varchar(16),
    passed              integer       not null,
    failed              integer       not null,
    not_configured      integer       not null,
    folder              varchar(1000),
    json_sha256         char(64),
    csv_sha256          char(64),
    html_sha256         char(64),
    pdf_sha256          char(64),
    uploaded_prefix     varchar(1000),
    upload_note         varchar(2000),
    error               varchar(4000)
);
create index compliance_report_started_idx on compliance_report (started_at);
