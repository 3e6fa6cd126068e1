-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Issue 27, cost as the vault grows (docs/performance.md, "How cost grows"): what a request or a
-- run reads no longer grows with the number of documents.

-- The document list sorted by name, size or retain-until (catalog.DocumentQuery), for everyone and for
-- one analyst's own documents, reads the first page from an index instead of sorting every row. The id
-- is the tie-break of every sort.
create index document_name_idx on document (file_name, id);
create index document_size_idx on document (size_bytes, id);
create index document_retain_idx on document (retain_until, id);
create index document_owner_name_idx on document (owner, file_name, id);
create index document_owner_size_idx on document (owner, size_bytes, id);
create index document_uploaded_id_idx on document (uploaded_at, id);

-- A backup run finds the documents S3 confirmed since the last manifest (backup_manifest_run is null)
-- without reading the others (backup.BackupService).
create index document_manifest_run_idx on document (backup_manifest_run, backup_state);

-- The compliance report checks in S3 the documents confirmed since the last report's checkpoint
-- (compliance.BackupEvidence).
create index document_backed_up_idx on document (backed_up_at);

-- Every document S3 confirmed before a report's coverage_through had its checksum checked by that report
-- or an earlier one; the next report checks in full only those confirmed since (with a margin), and a
-- random sample of the rest (compliance.BackupEvidence).
alter table compliance_report add column coverage_through timestamp with time zone;
