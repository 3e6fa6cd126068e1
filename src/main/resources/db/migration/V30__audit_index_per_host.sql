-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Issue 19, several hosts on one catalog: each host keeps its own journal (its own hash chain, numbered from 1),
-- so the index of journal events is keyed by (host_id, seq), not by seq alone.
--
-- The primary key's name differs between H2 and PostgreSQL, so the table is rebuilt rather than altered: a new
-- table with the composite key, the rows copied, the old table dropped, the new one renamed. The index is
-- derived from the journals (audit.AuditIndex catches up at start), so nothing else refers to it.
--
-- Rows from before hosts were recorded get the marker host '-before-hosts', which no host id can be (an id
-- starts with a letter or digit, dev.strongroom.PersistedId). They were indexed from the journal of the single
-- host the vault had, but the catalog does not say which host that is now: the migration runs on whichever host
-- starts first, maybe a new one with an empty journal. So they are adopted, not guessed: at start
-- (AuditIndex.adoptRowsFromBeforeHosts) a host whose own journal holds the oldest marked row's line byte for byte
-- takes all marked rows as its own. A host whose journal does not hold that line leaves them; until their host
-- starts, the vault's audit trail (GET /api/audit) still shows them, without a host.
create table audit_event_by_host (
    host_id      varchar(64)  not null,
    seq          bigint       not null,
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
    line         varchar      not null,
    constraint audit_event_host_seq_pk primary key (host_id, seq)
);
insert into audit_event_by_host (host_id, seq, event_id, event_time, actor, role, action, resource, document_id,
        outcome, client, request_id, line)
    select '-before-hosts', seq, event_id, event_time, actor, role, action, resource, document_id, outcome, client,
        request_id, line
    from audit_event;
drop table audit_event;
alter table audit_event_by_host rename to audit_event;

-- The vault's trail (the audit query API, every host) is read newest first by event time, then host, then seq.
create index audit_event_time_idx on audit_event (event_time, host_id, seq);
-- Filters of the trail (who did what, what happened to a document) read every host's rows in time order.
create index audit_event_actor_idx on audit_event (actor, event_time);
create index audit_event_document_idx on audit_event (document_id, event_time);
-- By action: write-ahead intents a host replays from its own chain, in its own order, and exports of one chain.
create index audit_event_action_idx on audit_event (action, host_id, seq);
