-- H2: marks every change to a row the catalog export reads (V34, backup.ExportChanges), through
-- backup.ExportChangeTrigger, which knows the columns of a document row the export reads. The PostgreSQL version
-- is db/vendor/postgresql/V35__catalog_change_triggers.sql; ExportChangesTest holds both to the export.
create trigger document_export_changed after insert, update, delete on document
    for each row call 'dev.strongroom.backup.ExportChangeTrigger';
create trigger document_tag_export_changed after insert, update, delete on document_tag
    for each row call 'dev.strongroom.backup.ExportChangeTrigger';
create trigger vault_user_export_changed after insert, update, delete on vault_user
    for each row call 'dev.strongroom.backup.ExportChangeTrigger';
create trigger disposal_request_export_changed after insert, update, delete on disposal_request
    for each row call 'dev.strongroom.backup.ExportChangeTrigger';
create trigger tombstone_export_changed after insert, update, delete on tombstone
    for each row call 'dev.strongroom.backup.ExportChangeTrigger';
