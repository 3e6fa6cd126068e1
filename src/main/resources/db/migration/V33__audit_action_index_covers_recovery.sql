-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Issue 27, restart time: each start looks for this host's acknowledged uploads that have no catalog row
-- (catalog.UploadLedger.recoverAtStart) by action, host, outcome and document. With the action index on
-- (action, host_id, seq) alone, H2 read every upload event's whole row, its journal line included, to test the
-- outcome and the document: a quarter of the start's own thread at 50,000 documents (docs/performance.md). The
-- index now carries both columns, so the search reads the index and only an orphan's row. Its leading columns
-- are unchanged, so every query that used it keeps its order.
drop index audit_event_action_idx;
create index audit_event_action_idx on audit_event (action, host_id, seq, outcome, document_id);
