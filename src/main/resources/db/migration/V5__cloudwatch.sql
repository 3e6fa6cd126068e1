-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

-- One CloudWatch-vs-journal consistency check (dev.strongroom.audit.cloudwatch.ConsistencyCheck);
-- the compliance report shows the newest ones. findings holds the first findings as JSON.
create table cloudwatch_check (
    id                varchar(36)   not null primary key,
    checked_at        timestamp with time zone not null,
    trigger_kind      varchar(16)   not null,
    triggered_by      varchar(64)   not null,
    range_from        timestamp with time zone not null,
    range_to          timestamp with time zone not null,
    log_group         varchar(512)  not null,
    log_stream        varchar(512)  not null,
    first_seq         bigint,
    last_seq          bigint,
    journal_events    bigint        not null,
    cloudwatch_events bigint        not null,
    duplicates        bigint        not null,
    not_yet_shipped   bigint        not null,
    ok                boolean       not null,
    finding_count     integer       not null,
    findings          varchar(16000)
);
create index cloudwatch_check_checked_idx on cloudwatch_check (checked_at);
