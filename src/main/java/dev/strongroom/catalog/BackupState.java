package dev.strongroom.catalog;

/**
 * Whether S3 holds a document's bytes. The name is the word in {@code document.backup_state}, in the
 * API and in catalog exports.
 */
public enum BackupState {
    /** Not confirmed in S3 yet: new, or sent back by a spot check that found the version gone. */
    PENDING,
    /**
     * S3 confirmed the bytes' SHA-256 and keeps them under Object Lock; {@link Document#backupVersionId}
     * names the version.
     */
    BACKED_UP
}
