-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- What S3 confirmed for a document uploaded in parts (dev.strongroom.backup.CompositeChecksum): its
-- checksum is a composite of the parts' SHA-256 digests, which only the part layout and the bytes
-- determine, so the vault keeps it to check S3's later answers against (docs/backup.md).
create table backup_composite_checksum (
    document_id     varchar(64)   not null primary key,
    version_id      varchar(1024) not null,
    checksum        varchar(64)   not null,
    parts           integer       not null,
    part_size       bigint        not null
);
