-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- A document added from a backup brings its sidecar but not the columns an extraction fills from it: those rows
-- are the ones without metadata_updated_at, and every start looks them up (metadata.SidecarColumns), so the
-- look-up reads an index rather than the whole table.
create index document_metadata_updated_idx on document (metadata_updated_at);
