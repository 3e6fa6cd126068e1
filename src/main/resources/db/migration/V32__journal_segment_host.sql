-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Issue 19, several hosts on one catalog: each host ships its own audit journal under hosts/<host-id>/journal/,
-- and journal segments are named by the hour, so two hosts' segments share names. The record of what was
-- shipped is kept per host. Rows from before hold '' (no host): they were shipped by the single host a vault had,
-- and the first host to ship its journal after this migration adopts them (backup.JournalShipper).
create table backup_journal_segment_host (
    host_id         varchar(128) not null,
    name            varchar(100) not null,
    size_bytes      bigint       not null,
    sha256          char(64)     not null,
    version_id      varchar(1024) not null,
    uploaded_at     timestamp with time zone not null,
    primary key (host_id, name)
);
insert into backup_journal_segment_host (host_id, name, size_bytes, sha256, version_id, uploaded_at)
    select '', name, size_bytes, sha256, version_id, uploaded_at from backup_journal_segment;
drop table backup_journal_segment;
alter table backup_journal_segment_host rename to backup_journal_segment;

-- Whether any document names another host (catalog.HeldHere), answered from the ends of this index.
create index document_stored_on_idx on document (stored_on);
