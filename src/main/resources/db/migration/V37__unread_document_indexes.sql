-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Every index on document is written by every upload (issue 27: the catalog row is most of an upload's CPU).
-- search_dirty is no longer read (search marks per host, V31, catalog.SearchMarks), and (uploaded_at) is the
-- leading column of document_uploaded_id_idx (uploaded_at, id), which answers every query it answered.
-- "if exists": H2 commits each DDL statement by itself, so a vault killed between the two drops, or before Flyway
-- recorded this version, runs it again at its next start, and must then find nothing wrong.
drop index if exists document_search_dirty_idx;
drop index if exists document_uploaded_idx;
