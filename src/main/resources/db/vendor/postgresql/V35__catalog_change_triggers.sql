-- PostgreSQL: marks every change to a row the catalog export reads (V34, backup.ExportChanges). The H2 version
-- is db/vendor/h2/V35__catalog_change_triggers.sql (backup.ExportChangeTrigger); both watch the same columns, and
-- ExportChangesTest holds each to the export: a change to any column the export writes must be marked.
create function catalog_export_changed() returns trigger language plpgsql as $$
begin
    insert into catalog_change (table_name) values (tg_table_name);
    return null;
end
$$;

-- Of a document row, the export reads the columns it was created with; later columns are the search index's
-- bookkeeping, the receipt fields derived from the metadata, and backup_manifest_run, which each run sets after
-- its manifest and a restore fills in from the manifest chain (catalog.PortableCatalog).
create trigger document_export_added after insert or delete on document
    for each row execute function catalog_export_changed();
create trigger document_export_changed after update on document
    for each row when ((old.id, old.owner, old.file_name, old.original_file_name, old.content_type, old.size_bytes,
                        old.sha256, old.retention_class, old.retain_until, old.legal_hold, old.description,
                        old.uploaded_at, old.backup_state, old.backup_version_id, old.backed_up_at,
                        old.metadata_state, old.metadata_json)
            is distinct from (new.id, new.owner, new.file_name, new.original_file_name, new.content_type,
                        new.size_bytes, new.sha256, new.retention_class, new.retain_until, new.legal_hold,
                        new.description, new.uploaded_at, new.backup_state, new.backup_version_id,
                        new.backed_up_at, new.metadata_state, new.metadata_json))
    execute function catalog_export_changed();
create trigger document_export_truncated after truncate on document
    for each statement execute function catalog_export_changed();

create trigger document_tag_export_changed after insert or update or delete on document_tag
    for each row execute function catalog_export_changed();
create trigger document_tag_export_truncated after truncate on document_tag
    for each statement execute function catalog_export_changed();
create trigger vault_user_export_changed after insert or update or delete on vault_user
    for each row execute function catalog_export_changed();
create trigger vault_user_export_truncated after truncate on vault_user
    for each statement execute function catalog_export_changed();
create trigger disposal_request_export_changed after insert or update or delete on disposal_request
    for each row execute function catalog_export_changed();
create trigger disposal_request_export_truncated after truncate on disposal_request
    for each statement execute function catalog_export_changed();
create trigger tombstone_export_changed after insert or update or delete on tombstone
    for each row execute function catalog_export_changed();
create trigger tombstone_export_truncated after truncate on tombstone
    for each statement execute function catalog_export_changed();
