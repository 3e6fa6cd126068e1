package dev.strongroom.catalog;

import java.time.Instant;

/**
 * A document as far as its blob goes: which bytes it names, and which S3 version holds a copy of
 * them ({@code backupVersionId} is meaningful only when {@code backupState} is BACKED_UP).
 */
public record DocumentBlob(String id, String fileName, String owner, String sha256, long sizeBytes, Instant uploadedAt,
        BackupState backupState, String backupVersionId) {

    static DocumentBlob of(Document d) {
        return new DocumentBlob(d.id, d.fileName, d.owner, d.sha256, d.sizeBytes, d.uploadedAt, d.backupState,
                d.backupVersionId);
    }

    /** The same document with the backup version a catalog export says S3 confirmed. */
    public DocumentBlob withBackup(BackupState state, String versionId) {
        return new DocumentBlob(id, fileName, owner, sha256, sizeBytes, uploadedAt, state, versionId);
    }
}
