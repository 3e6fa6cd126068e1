-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Receipt fields as the catalog searches and filters them (the values in effect: extracted, or corrected
-- by a person), the review state, the whole extracted text for the search index, the corrections with
-- who made them, and the marks that tell the search indexer what changed (docs/search.md).

alter table document add column receipt_date date;
alter table document add column receipt_total decimal(19, 2);
alter table document add column receipt_currency varchar(3);
-- null: not a receipt; NEEDS_REVIEW: some field is unsure; OK: every field sure; REVIEWED: a person checked it
alter table document add column receipt_review varchar(16);
-- Set in the same transaction as every change the index shows; cleared by the indexer once its Lucene commit
-- holds that change (only if search_stamp is still the one it indexed).
alter table document add column search_dirty boolean default true not null;
alter table document add column search_stamp bigint default 0 not null;
create index document_review_idx on document (receipt_review, uploaded_at);
create index document_search_dirty_idx on document (search_dirty);

-- The whole text the extractor read (up to max-text-chars), removed with its document.
create table document_text (
    document_id varchar(36) not null primary key references document (id) on delete cascade,
    body        text        not null
);

-- Corrections of receipt fields: the newest per field is in effect; the sidecar keeps what was extracted.
-- One correction (correction_id, journaled as metadata.correct.intent, then metadata.correct) may change
-- several fields, a row each; completed turns true with the completion's audit index row.
create table field_correction (
    id            varchar(36)   not null primary key,
    correction_id varchar(36)   not null,
    document_id   varchar(36)   not null references document (id) on delete cascade,
    field         varchar(32)   not null,
    old_value     varchar(1000),
    new_value     varchar(1000) not null,
    corrected_by  varchar(64)   not null,
    corrected_at  timestamp with time zone not null,
    reason        varchar(2000),
    completed     boolean       not null
);
create index field_correction_document_idx on field_correction (document_id, corrected_at);
create index field_correction_pending_idx on field_correction (completed, correction_id);
