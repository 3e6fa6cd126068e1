package dev.strongroom.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A document's whole catalog row, as it moves between catalogs: into the backup's catalog export,
 * and back in after an S3 restore or a snapshot's catch-up ({@link PortableCatalog}).
 */
public record PortableDocument(String id, String owner, String fileName, String originalFileName, String contentType,
        long sizeBytes, String sha256, String retentionClass, Instant retainUntil, boolean legalHold,
        String description, Instant uploadedAt, BackupState backupState, String backupVersionId, Instant backedUpAt,
        String backupManifestRun, MetadataState metadataState, String metadataJson, List<String> tags) {

    public PortableDocument {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The blob side of this row, for checks that treat a document about to be added as if it were there. */
    public DocumentBlob blob() {
        return new DocumentBlob(id, fileName, owner, sha256, sizeBytes, uploadedAt, backupState, backupVersionId);
    }
}
