package dev.strongroom.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A document as the API shows it.
 *
 * @param backupState PENDING until S3 confirmed the bytes, then BACKED_UP
 * @param backupVersionId the confirmed S3 object version of {@code documents/<id>}
 */
public record DocumentView(String id, String fileName, String originalFileName, String contentType, long size,
        String sha256, String owner, Instant uploadedAt, String retentionClass, Instant retainUntil, boolean legalHold,
        String description, List<String> tags, String backupState, String backupVersionId, Instant backedUpAt,
        String metadataState) {

    public static DocumentView of(Document d) {
        return new DocumentView(d.id, d.fileName, d.originalFileName, d.contentType, d.sizeBytes, d.sha256, d.owner,
                d.uploadedAt, d.retentionClass, d.retainUntil, d.legalHold, d.description, List.copyOf(d.tags),
                d.backupState, d.backupVersionId, d.backedUpAt, d.metadataState);
    }
}
