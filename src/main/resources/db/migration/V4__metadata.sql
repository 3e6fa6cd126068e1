-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Searchable copies of fields from a document's metadata sidecar (the sidecar itself is in
-- document.metadata_json), written by the metadata worker; see docs/metadata.md.

alter table document add column metadata_title varchar(1000);
alter table document add column metadata_author varchar(1000);
alter table document add column metadata_vendor varchar(1000);
alter table document add column metadata_text varchar(2000);
alter table document add column metadata_updated_at timestamp with time zone;

-- The worker's sweep looks for PENDING and DEFERRED documents, oldest first.
create index document_metadata_state_idx on document (metadata_state, uploaded_at);
